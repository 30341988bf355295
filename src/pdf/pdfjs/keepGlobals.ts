// Loading pdf.js's legacy build in Node without it changing the built-ins everyone else uses.
// Its bundled core-js replaces methods it judges out of date (Array.prototype.push, JSON.parse,
// JSON.stringify on Node 20) with slower JavaScript versions, and patches
// Function.prototype.toString, for the whole process. `withBuiltinsKept` records every data
// property of the built-in objects before such an import and puts back any that it replaced. Methods it adds that Node lacks (Map.prototype.getOrInsertComputed,
// Promise.try, Uint8Array.fromBase64 …) stay: pdf.js calls them, and nothing else had them.

type Saved = { owner: object; key: PropertyKey; value: unknown };

// Loads run one after another: one taking its record while another's import has already
// replaced a method would put the replacement back.
let queue: Promise<unknown> = Promise.resolve();

/** The objects whose methods a polyfill may replace: every global value and its prototype. */
function builtinObjects(): Set<object> {
  const objects = new Set<object>();
  const add = (o: unknown) => {
    if ((typeof o === 'object' || typeof o === 'function') && o !== null) objects.add(o);
  };
  for (const key of Reflect.ownKeys(globalThis)) {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, key);
    // Accessors are left alone: reading one may load a module (Node defines some lazily).
    if (!descriptor || !('value' in descriptor)) continue;
    add(descriptor.value);
    if (typeof descriptor.value === 'function') add(descriptor.value.prototype);
  }
  // Prototypes with no global name of their own.
  const typedArray = Object.getPrototypeOf(Uint8Array);
  add(typedArray);
  add(typedArray.prototype);
  add(Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
  return objects;
}

function snapshot(): Saved[] {
  const saved: Saved[] = [];
  for (const owner of builtinObjects()) {
    for (const key of Reflect.ownKeys(owner)) {
      const descriptor = Object.getOwnPropertyDescriptor(owner, key);
      if (descriptor && 'value' in descriptor) saved.push({ owner, key, value: descriptor.value });
    }
  }
  return saved;
}

function restore(saved: Saved[]): void {
  for (const { owner, key, value } of saved) {
    const now = Object.getOwnPropertyDescriptor(owner, key);
    if (!now || !('value' in now) || Object.is(now.value, value) || !now.configurable) continue;
    Object.defineProperty(owner, key, { ...now, value });
  }
}

/** Runs `load` (an import of a pdf.js build) and then puts back every built-in it replaced. */
export function withBuiltinsKept<T>(load: () => Promise<T>): Promise<T> {
  const result = queue.then(async () => {
    const saved = snapshot();
    try {
      return await load();
    } finally {
      restore(saved);
    }
  });
  queue = result.catch(() => undefined);
  return result;
}
