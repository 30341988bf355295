// Reads a Server-Sent Events stream in Node (fetch, streaming body) and waits for messages.
export type EventStreamReader = {
  /** Resolves with the first `data:` message (parsed JSON) that `matches`, seen or yet to come. */
  next(matches: (data: unknown) => boolean): Promise<unknown>;
  comments: string[];
  /** Resolves when the stream ends (by the server, or by close()), with every message it carried. */
  ended: Promise<unknown[]>;
  close(): void;
};

export async function openEventStream(
  url: string,
  headers: Record<string, string> = {},
): Promise<EventStreamReader> {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  if (response.status !== 200 || !response.body)
    throw new Error(`event stream: ${response.status} ${await response.text()}`);
  const seen: unknown[] = [];
  const comments: string[] = [];
  const waiting: { matches: (data: unknown) => boolean; resolve: (data: unknown) => void }[] = [];
  const deliver = (data: unknown) => {
    seen.push(data);
    for (const w of [...waiting]) {
      if (w.matches(data)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(data);
      }
    }
  };
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (message.startsWith(':')) comments.push(message);
          const data = message
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice('data: '.length));
          if (data.length > 0) deliver(JSON.parse(data.join('\n')));
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // closed by us
    }
  })();
  const ended = reading.then(() => [...seen]);
  return {
    comments,
    ended,
    next(matches) {
      const already = seen.find(matches);
      if (already !== undefined) return Promise.resolve(already);
      return new Promise((resolve) => waiting.push({ matches, resolve }));
    },
    close: () => abort.abort(),
  };
}
