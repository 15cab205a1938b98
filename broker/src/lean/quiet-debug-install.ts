/** Side-effect import: installs quietMqttPacketDebug (quiet-debug.ts) before anything loads mqtt-packet. */
import { quietMqttPacketDebug } from './quiet-debug.js';

quietMqttPacketDebug();
