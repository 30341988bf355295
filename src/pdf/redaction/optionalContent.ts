// Which optional-content groups are visible in the default configuration. Content of hidden
// groups is removed before /OCProperties is dropped: dropping the list alone would show it.
import { PDFArray, type PDFContext, type PDFDict, PDFName, type PDFObject, PDFRef } from '@cantoo/pdf-lib';
import { asDict, getArray, getDict, getName, resolve } from './pdfObjects';

const MAX_EXPRESSION_DEPTH = 16;

export function visibilityOf(
  ctx: PDFContext,
  catalog: PDFDict | undefined,
): (props: PDFDict | undefined) => boolean {
  const ocProperties = getDict(ctx, catalog, 'OCProperties');
  if (!ocProperties) return () => true;
  const config = getDict(ctx, ocProperties, 'D');
  const baseOff = getName(ctx, config, 'BaseState') === 'OFF';
  const keyOf = (o: PDFObject | undefined): PDFObject | undefined =>
    o instanceof PDFRef ? o : resolve(ctx, o);
  const listed = (key: string) => {
    const set = new Set<PDFObject>();
    const arr = getArray(ctx, config, key);
    for (let i = 0; arr && i < arr.size(); i++) {
      const raw = arr.get(i);
      set.add(raw);
      const r = resolve(ctx, raw);
      if (r) set.add(r);
    }
    return set;
  };
  const on = listed('ON');
  const off = listed('OFF');
  const groupVisible = (raw: PDFObject | undefined): boolean => {
    const key = keyOf(raw);
    const dict = asDict(ctx, raw);
    if (key && off.has(key)) return false;
    if (dict && off.has(dict)) return false;
    if (key && on.has(key)) return true;
    if (dict && on.has(dict)) return true;
    return !baseOff;
  };
  const evaluate = (expr: PDFObject | undefined, depth: number): boolean => {
    if (depth > MAX_EXPRESSION_DEPTH) return false;
    const e = resolve(ctx, expr);
    if (!(e instanceof PDFArray)) return groupVisible(expr);
    const op = resolve(ctx, e.get(0));
    const args = e.asArray().slice(1);
    const name = op instanceof PDFName ? op.decodeText() : '';
    if (name === 'Not') return !evaluate(args[0], depth + 1);
    if (name === 'And') return args.every((a) => evaluate(a, depth + 1));
    if (name === 'Or') return args.some((a) => evaluate(a, depth + 1));
    return true;
  };
  return (props) => {
    if (!props) return true;
    const type = getName(ctx, props, 'Type');
    if (type !== 'OCMD') {
      // An OCG (or an unknown dict, treated as a group): the ON/OFF sets hold resolved dicts too.
      return groupVisible(props);
    }
    const ve = props.get(PDFName.of('VE'));
    if (ve) return evaluate(ve, 0);
    const ocgsRaw = props.get(PDFName.of('OCGs'));
    const ocgs = resolve(ctx, ocgsRaw);
    const members = ocgs instanceof PDFArray ? ocgs.asArray() : ocgsRaw ? [ocgsRaw] : [];
    if (members.length === 0) return true;
    const states = members.map((m) => groupVisible(m));
    const policy = getName(ctx, props, 'P') ?? 'AnyOn';
    if (policy === 'AllOn') return states.every(Boolean);
    if (policy === 'AnyOff') return states.some((s) => !s);
    if (policy === 'AllOff') return states.every((s) => !s);
    return states.some(Boolean);
  };
}
