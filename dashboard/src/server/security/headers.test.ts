import { describe, expect, it } from 'vitest';
import { tileSource } from './headers.js';

describe('the CSP source of a tile URL', () => {
  it('is the origin, with subdomain placeholders as wildcards', () => {
    expect(tileSource('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe('https://tile.openstreetmap.org');
    expect(tileSource('https://{s}.tile.example.org/{z}/{x}/{y}.png')).toBe('https://*.tile.example.org');
    expect(tileSource('http://127.0.0.1:8081/tiles/{z}/{x}/{y}.png')).toBe('http://127.0.0.1:8081');
    expect(tileSource('/tiles/{z}/{x}/{y}.png')).toBeNull();
  });
});
