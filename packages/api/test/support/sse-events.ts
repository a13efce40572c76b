/** An event as a stream sends it: the `id:` line and the parsed `data:` envelope. */
export interface StreamedEvent {
  id: string;
  type: string;
  data: { id: string; [field: string]: unknown };
}

/** Opens `GET /v1/events/stream` with `key`, resolves once it is open (`: connected`), and reads its events one at a time. */
export async function openEventStream(baseUrl: string, key: string) {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}/v1/events/stream`, { headers: { Authorization: `Bearer ${key}` }, signal: abort.signal });
  if (response.status !== 200) throw new Error(`The event stream answered ${response.status}: ${await response.text()}`);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  async function nextBlock(deadline: number): Promise<string> {
    let end: number;
    while ((end = buffer.indexOf('\n\n')) < 0) buffer += await readChunk(deadline);
    const block = buffer.slice(0, end);
    buffer = buffer.slice(end + 2);
    return block;
  }
  /** The next event (comments skipped); rejects when the stream ends or `deadline` (ms since epoch) passes. */
  async function next(deadline = Date.now() + 10_000): Promise<StreamedEvent> {
    for (;;) {
      const block = await nextBlock(deadline);
      if (block.startsWith(':')) continue;
      const [idLine, dataLine] = block.split('\n');
      const event = JSON.parse(dataLine!.slice('data: '.length)) as StreamedEvent;
      if (idLine !== `id: ${event.id}`) throw new Error(`An event's id line does not match its data: ${block.slice(0, 200)}`);
      return event;
    }
  }
  async function readChunk(deadline: number): Promise<string> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Nothing arrived on the event stream before the deadline.')), Math.max(0, deadline - Date.now()));
    });
    try {
      const read = await Promise.race([reader.read(), late]);
      if (read.done) throw new Error('The event stream ended.');
      return read.value;
    } finally {
      clearTimeout(timer);
    }
  }
  const first = await nextBlock(Date.now() + 10_000);
  if (first !== ': connected') throw new Error(`The event stream began with ${JSON.stringify(first.slice(0, 200))}.`);
  return { next, close: () => abort.abort() };
}
