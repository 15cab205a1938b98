/**
 * The unparsed bytes of one connection, for mqtt-packet's parser, in place of its `bl` BufferListStream
 * (a whole Duplex stream, with both stream states and an array of chunks, per connection). It offers
 * exactly the methods the parser calls on `_list`: append, consume, length, readUInt8/16BE/32BE,
 * slice and toString. One chunk at a time: a packet split over two reads is joined once.
 */
export class ByteQueue {
  #buf: Buffer | null = null;
  #start = 0;
  length = 0;

  append(chunk: Buffer): this {
    if (this.length === 0) {
      this.#buf = chunk;
      this.#start = 0;
    } else {
      this.#buf = Buffer.concat([this.#buf!.subarray(this.#start, this.#start + this.length), chunk]);
      this.#start = 0;
    }
    this.length += chunk.length;
    return this;
  }

  consume(bytes: number): this {
    const n = Math.min(Math.max(bytes, 0), this.length);
    this.#start += n;
    this.length -= n;
    if (this.length === 0) {
      this.#buf = null; // let the socket's read buffer go
      this.#start = 0;
    }
    return this;
  }

  readUInt8(offset: number): number | undefined {
    return offset < this.length ? this.#buf![this.#start + offset] : undefined;
  }

  readUInt16BE(offset: number): number {
    return this.#view().readUInt16BE(offset);
  }

  readUInt32BE(offset: number): number {
    return this.#view().readUInt32BE(offset);
  }

  /** A view (not a copy) of bytes [start, end) of the queue. */
  slice(start = 0, end = this.length): Buffer {
    return this.#view().subarray(start, Math.min(end, this.length));
  }

  toString(encoding: BufferEncoding = 'utf8', start = 0, end = this.length): string {
    return this.#view().toString(encoding, start, Math.min(end, this.length));
  }

  #view(): Buffer {
    return this.#buf ? this.#buf.subarray(this.#start, this.#start + this.length) : Buffer.alloc(0);
  }
}
