// Leak-channel fixtures: for each channel of REDACTION.md's checklist (§2), a small PDF that
// carries a known secret through that channel, and the region a reviewer would draw over the
// secret where it shows on the page. Every fixture also shows the secret as ordinary text under
// that region (so the engine knows what it is withholding, as it would in real use) and one
// sentence far from it that must survive. The suites run the engine on each and ask the
// oracles whether the secret can still be read anywhere.
//
// Built with @cantoo/pdf-lib at the object level (raw content streams, hand-made dictionaries),
// because most channels are things no drawing API produces.
import {
  type PDFArray,
  type PDFContext,
  type PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  type PDFPage,
  type PDFRef,
  PDFString,
} from '@cantoo/pdf-lib';

export type FixtureRegion = {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  label?: string;
};

export type LeakFixture = {
  /** The checklist row (REDACTION.md §2). */
  channel: number;
  id: string;
  title: string;
  secret: string;
  /** A sentence elsewhere on page 1 that a correct engine keeps. */
  keep: string;
  pdf: Uint8Array;
  regions: FixtureRegion[];
  password?: string;
};

const PAGE = { width: 612, height: 792 };
const SIZE = 12;
const SECRET_AT = { x: 72, y: 700 };
export const KEEP_SENTENCE = 'This sentence stays in the release.';

/** Covers the secret drawn at SECRET_AT in Helvetica 12 (display coordinates, top-left). */
function regionOver(secret: string, page = 1): FixtureRegion {
  const width = secret.length * SIZE * 0.75 + 12;
  return { page, x: SECRET_AT.x - 6, y: PAGE.height - SECRET_AT.y - 16, width, height: 22, label: 's40(2)' };
}

const text = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
const showAt = (secret: string, x = SECRET_AT.x, y = SECRET_AT.y, extra = '', font = 'F1', size = SIZE) =>
  `BT ${extra} /${font} ${size} Tf ${x} ${y} Td (${text(secret)}) Tj ET`;

type Scene = {
  doc: PDFDocument;
  ctx: PDFContext;
  page: PDFPage;
  helvetica: PDFRef;
  secret: string;
  /** Content of page 1, joined with newlines when the fixture is saved. */
  content: string[];
  resources: PDFDict;
  catalog: PDFDict;
  /** The regions a reviewer draws: over the secret on page 1, more where a fixture adds pages. */
  regions: FixtureRegion[];
};

async function scene(secret: string): Promise<Scene> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const ctx = doc.context;
  const page = doc.addPage([PAGE.width, PAGE.height]);
  const helvetica = ctx.register(
    ctx.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica', Encoding: 'WinAnsiEncoding' }),
  );
  const resources = ctx.obj({ Font: { F1: helvetica } });
  page.node.set(PDFName.of('Resources'), resources);
  return {
    doc,
    ctx,
    page,
    helvetica,
    secret,
    content: [showAt(secret), showAt(KEEP_SENTENCE, 72, 400)],
    resources,
    catalog: doc.catalog,
    regions: [regionOver(secret)],
  };
}

function sub(dict: PDFDict, key: string, ctx: PDFContext): PDFDict {
  const existing = dict.lookup(PDFName.of(key));
  if (existing) return existing as PDFDict;
  const created = ctx.obj({});
  dict.set(PDFName.of(key), created);
  return created;
}

/** A Form XObject drawing `content` with Helvetica as F1. */
function form(s: Scene, content: string): PDFRef {
  return s.ctx.register(
    s.ctx.flateStream(content, {
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, PAGE.width, PAGE.height],
      Resources: { Font: { F1: s.helvetica } },
    }),
  );
}

async function save(s: Scene): Promise<Uint8Array> {
  s.page.node.set(PDFName.of('Contents'), s.ctx.register(s.ctx.flateStream(s.content.join('\n'))));
  return s.doc.save({ useObjectStreams: false });
}

const str = (s: string) => PDFString.of(s);
const hexOf = (s: string) => Buffer.from(s, 'latin1').toString('hex');

// Rectangle under the region, in PDF user space.
const RECT_UNDER_REGION = `72 698 150 14 re`;

type Recipe = {
  channel: number;
  id: string;
  title: string;
  secret: string;
  build: (s: Scene) => Promise<void> | void;
  after?: (pdf: Uint8Array, s: Scene) => Promise<Uint8Array> | Uint8Array;
  password?: string;
};

const RECIPES: Recipe[] = [
  { channel: 1, id: '1', title: 'live text under a box', secret: 'Quartermaine', build: () => {} },
  {
    channel: 2,
    id: '2a',
    title: 'invisible text (render mode 3, an OCR layer)',
    secret: 'Fenwickshaw',
    build: (s) => void s.content.push(showAt(s.secret, 74, 701, '3 Tr')),
  },
  {
    channel: 2,
    id: '2b',
    title: 'clipping text (render mode 7)',
    secret: 'Blackthornely',
    build: (s) => void s.content.push(`q ${showAt(s.secret, 74, 701, '7 Tr')} 0 0 1 1 re f Q`),
  },
  {
    channel: 2,
    id: '2c',
    title: 'white text on white',
    secret: 'Ormsbygrove',
    build: (s) => void s.content.push(`q 1 1 1 rg ${showAt(s.secret, 74, 701)} Q`),
  },
  {
    channel: 2,
    id: '2d',
    title: 'text in a tiny font',
    secret: 'Pettigrewson',
    build: (s) => void s.content.push(showAt(s.secret, 80, 703, '', 'F1', 0.5)),
  },
  {
    channel: 2,
    id: '2e',
    title: 'text behind an image',
    secret: 'Underhillcote',
    build: (s) => {
      const image = s.ctx.register(
        s.ctx.stream(new Uint8Array([0x80]), {
          Type: 'XObject',
          Subtype: 'Image',
          Width: 1,
          Height: 1,
          ColorSpace: 'DeviceGray',
          BitsPerComponent: 8,
        }),
      );
      sub(s.resources, 'XObject', s.ctx).set(PDFName.of('Im1'), image);
      s.content.push(showAt(s.secret, 74, 701), 'q 160 0 0 16 70 697 cm /Im1 Do Q');
    },
  },
  {
    channel: 2,
    id: '2f',
    title: 'text outside the crop box',
    secret: 'Marchbankside',
    build: (s) => {
      s.page.node.set(PDFName.of('MediaBox'), s.ctx.obj([0, 0, PAGE.width, 900]));
      s.page.node.set(PDFName.of('CropBox'), s.ctx.obj([0, 0, PAGE.width, PAGE.height]));
      s.content.push(showAt(s.secret, 72, 850));
    },
  },
  {
    channel: 3,
    id: '3a',
    title: 'text in a Form XObject',
    secret: 'Letterheadley',
    build: (s) => {
      sub(s.resources, 'XObject', s.ctx).set(PDFName.of('Fm1'), form(s, showAt(s.secret, 74, 701)));
      s.content.push('q /Fm1 Do Q');
    },
  },
  {
    channel: 3,
    id: '3b',
    title: 'a Form XObject shared by two pages',
    secret: 'Stampington',
    build: (s) => {
      const shared = form(s, showAt(s.secret));
      sub(s.resources, 'XObject', s.ctx).set(PDFName.of('Fm1'), shared);
      s.content.push('q /Fm1 Do Q');
      const second = s.doc.addPage([PAGE.width, PAGE.height]);
      second.node.set(
        PDFName.of('Resources'),
        s.ctx.obj({ Font: { F1: s.helvetica }, XObject: { Fm1: shared } }),
      );
      second.node.set(
        PDFName.of('Contents'),
        s.ctx.register(s.ctx.flateStream(`q /Fm1 Do Q ${showAt('Page two keeps this line.', 72, 400)}`)),
      );
      s.regions.push(regionOver(s.secret, 2));
    },
  },
  {
    channel: 3,
    id: '3c',
    title: 'text in a tiling pattern',
    secret: 'Tessellworth',
    build: (s) => {
      const pattern = s.ctx.register(
        s.ctx.flateStream(showAt(s.secret, 2, 4), {
          Type: 'Pattern',
          PatternType: 1,
          PaintType: 1,
          TilingType: 1,
          BBox: [0, 0, 150, 14],
          XStep: 150,
          YStep: 14,
          Resources: { Font: { F1: s.helvetica } },
        }),
      );
      sub(s.resources, 'Pattern', s.ctx).set(PDFName.of('P1'), pattern);
      s.content.push(`q /Pattern cs /P1 scn ${RECT_UNDER_REGION} f Q`);
    },
  },
  {
    channel: 3,
    id: '3d',
    title: 'text inside a Type3 glyph procedure',
    secret: 'Glyphsworthy',
    build: (s) => {
      const proc = s.ctx.register(s.ctx.flateStream(`600 0 d0 ${showAt(s.secret, 0, 0, '', 'F1', 0.08)}`));
      const type3 = s.ctx.register(
        s.ctx.obj({
          Type: 'Font',
          Subtype: 'Type3',
          FontBBox: [0, 0, 1, 1],
          FontMatrix: [1, 0, 0, 1, 0, 0],
          CharProcs: { g: proc },
          Encoding: { Type: 'Encoding', Differences: [97, 'g'] },
          FirstChar: 97,
          LastChar: 97,
          Widths: [0.6],
          Resources: { Font: { F1: s.helvetica } },
        }),
      );
      sub(s.resources, 'Font', s.ctx).set(PDFName.of('T3'), type3);
      s.content.push(`BT /T3 12 Tf 74 701 Td (a) Tj ET`);
    },
  },
  {
    channel: 3,
    id: '3e',
    title: 'text in a soft-mask group',
    secret: 'Maskelyneham',
    build: (s) => {
      const group = s.ctx.register(
        s.ctx.flateStream(`1 g 0 0 612 792 re f 0 g ${showAt(s.secret, 74, 701)}`, {
          Type: 'XObject',
          Subtype: 'Form',
          BBox: [0, 0, PAGE.width, PAGE.height],
          Group: { S: 'Transparency', CS: 'DeviceGray' },
          Resources: { Font: { F1: s.helvetica } },
        }),
      );
      sub(s.resources, 'ExtGState', s.ctx).set(
        PDFName.of('GS1'),
        s.ctx.obj({ Type: 'ExtGState', SMask: { S: 'Luminosity', G: group } }),
      );
      s.content.push(`q /GS1 gs 0 0 1 rg ${RECT_UNDER_REGION} f Q`);
    },
  },
  {
    channel: 4,
    id: '4a',
    title: 'marked-content /ActualText',
    secret: 'Actualtexter',
    build: (s) =>
      void s.content.push(`/Span << /ActualText (${s.secret}) >> BDC ${showAt('XXXXXXXX', 74, 701)} EMC`),
  },
  {
    channel: 4,
    id: '4b',
    title: '/Alt and /E through a /Properties resource',
    secret: 'Altfieldhouse',
    build: (s) => {
      sub(s.resources, 'Properties', s.ctx).set(
        PDFName.of('MC0'),
        s.ctx.obj({ Alt: str(s.secret), E: str(s.secret) }),
      );
      s.content.push(`/Figure /MC0 BDC q 0 g ${RECT_UNDER_REGION} f Q EMC`);
    },
  },
  {
    channel: 5,
    id: '5',
    title: 'structure tree /Alt, /ActualText, /T, /E',
    secret: 'Structurova',
    build: (s) => {
      const root = s.ctx.register(s.ctx.obj({ Type: 'StructTreeRoot' }));
      const element = s.ctx.register(
        s.ctx.obj({
          Type: 'StructElem',
          S: 'P',
          P: root,
          Pg: s.page.ref,
          K: 0,
          Alt: str(s.secret),
          ActualText: str(s.secret),
          T: str(s.secret),
          E: str(s.secret),
        }),
      );
      (s.ctx.lookup(root) as PDFDict).set(PDFName.of('K'), s.ctx.obj([element]));
      s.catalog.set(PDFName.of('StructTreeRoot'), root);
      s.catalog.set(PDFName.of('MarkInfo'), s.ctx.obj({ Marked: true }));
      s.page.node.set(PDFName.of('StructParents'), s.ctx.obj(0));
    },
  },
  {
    channel: 6,
    id: '6a',
    title: 'annotation /Contents, /T, /Subj and its popup',
    secret: 'Annotatorius',
    build: (s) => {
      const popup = s.ctx.register(
        s.ctx.obj({ Type: 'Annot', Subtype: 'Popup', Rect: [300, 600, 500, 700], Contents: str(s.secret) }),
      );
      const note = s.ctx.register(
        s.ctx.obj({
          Type: 'Annot',
          Subtype: 'Text',
          Rect: [72, 696, 90, 714],
          Contents: str(s.secret),
          T: str(s.secret),
          Subj: str(s.secret),
          Popup: popup,
        }),
      );
      s.page.node.set(PDFName.of('Annots'), s.ctx.obj([note, popup]));
    },
  },
  {
    channel: 6,
    id: '6b',
    title: 'FreeText annotation with an appearance stream',
    secret: 'Freetextley',
    build: (s) => {
      const appearance = s.ctx.register(
        s.ctx.flateStream(showAt(s.secret, 2, 4), {
          Type: 'XObject',
          Subtype: 'Form',
          BBox: [0, 0, 150, 14],
          Resources: { Font: { F1: s.helvetica } },
        }),
      );
      const annot = s.ctx.register(
        s.ctx.obj({
          Type: 'Annot',
          Subtype: 'FreeText',
          Rect: [72, 698, 222, 712],
          Contents: str(s.secret),
          DA: str('/F1 12 Tf 0 g'),
          AP: { N: appearance },
        }),
      );
      s.page.node.set(PDFName.of('Annots'), s.ctx.obj([annot]));
    },
  },
  {
    channel: 6,
    id: '6c',
    title: 'file-attachment annotation',
    secret: 'Attachmenton',
    build: (s) => {
      const file = s.ctx.register(s.ctx.stream(`Notes about ${s.secret}.`, { Type: 'EmbeddedFile' }));
      const spec = s.ctx.obj({
        Type: 'Filespec',
        F: str('notes.txt'),
        UF: str('notes.txt'),
        EF: { F: file },
      });
      const annot = s.ctx.register(
        s.ctx.obj({
          Type: 'Annot',
          Subtype: 'FileAttachment',
          Rect: [72, 696, 90, 714],
          FS: spec,
          Contents: str('see notes'),
        }),
      );
      s.page.node.set(PDFName.of('Annots'), s.ctx.obj([annot]));
    },
  },
  {
    channel: 7,
    id: '7a',
    title: 'form field value, tooltip and widget appearance',
    secret: 'Fieldingham',
    build: (s) => {
      const appearance = s.ctx.register(
        s.ctx.flateStream(`/Tx BMC ${showAt(s.secret, 2, 4)} EMC`, {
          Type: 'XObject',
          Subtype: 'Form',
          BBox: [0, 0, 150, 14],
          Resources: { Font: { F1: s.helvetica } },
        }),
      );
      const field = s.ctx.register(
        s.ctx.obj({
          Type: 'Annot',
          Subtype: 'Widget',
          FT: 'Tx',
          T: str('name'),
          V: str(s.secret),
          DV: str(s.secret),
          TU: str(s.secret),
          Rect: [72, 698, 222, 712],
          P: s.page.ref,
          AP: { N: appearance },
          DA: str('/F1 12 Tf 0 g'),
        }),
      );
      s.page.node.set(PDFName.of('Annots'), s.ctx.obj([field]));
      s.catalog.set(
        PDFName.of('AcroForm'),
        s.ctx.obj({ Fields: [field], DR: { Font: { F1: s.helvetica } }, DA: str('/F1 12 Tf 0 g') }),
      );
    },
  },
  {
    channel: 7,
    id: '7b',
    title: 'form field on no page, and XFA datasets',
    secret: 'Xfadatason',
    build: (s) => {
      const orphanField = s.ctx.register(s.ctx.obj({ FT: 'Tx', T: str('hidden'), V: str(s.secret) }));
      const datasets = s.ctx.register(
        s.ctx.flateStream(`<xfa:datasets><data><name>${s.secret}</name></data></xfa:datasets>`),
      );
      s.catalog.set(
        PDFName.of('AcroForm'),
        s.ctx.obj({ Fields: [orphanField], XFA: [str('datasets'), datasets] }),
      );
    },
  },
  {
    channel: 8,
    id: '8a',
    title: 'document information dictionary',
    secret: 'Infodictson',
    build: (s) => {
      s.doc.setAuthor(s.secret);
      s.doc.setTitle(`File note on ${s.secret} — draft`);
      s.doc.setKeywords([s.secret]);
    },
  },
  {
    channel: 8,
    id: '8b',
    title: 'XMP metadata, document and per object',
    secret: 'Xmpbarrow',
    build: (s) => {
      const xmp = (who: string) =>
        `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${who}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
      s.catalog.set(
        PDFName.of('Metadata'),
        s.ctx.register(s.ctx.stream(xmp(s.secret), { Type: 'Metadata', Subtype: 'XML' })),
      );
      s.page.node.set(
        PDFName.of('Metadata'),
        s.ctx.register(s.ctx.stream(xmp(s.secret), { Type: 'Metadata', Subtype: 'XML' })),
      );
    },
  },
  {
    channel: 9,
    id: '9',
    title: 'application private data (/PieceInfo)',
    secret: 'Pieceinfold',
    build: (s) => {
      const piece = () =>
        s.ctx.obj({ Clearway: { LastModified: str('D:20260101000000Z'), Private: str(s.secret) } });
      s.catalog.set(PDFName.of('PieceInfo'), piece());
      s.page.node.set(PDFName.of('PieceInfo'), piece());
      s.page.node.set(PDFName.of('LastModified'), str('D:20260101000000Z'));
    },
  },
  {
    channel: 10,
    id: '10a',
    title: 'bookmarks',
    secret: 'Bookmarkby',
    build: (s) => {
      const outlines = s.ctx.register(s.ctx.obj({ Type: 'Outlines', Count: 1 }));
      const item = s.ctx.register(
        s.ctx.obj({ Title: str(`Complaint by ${s.secret}`), Parent: outlines, Dest: [s.page.ref, 'Fit'] }),
      );
      const dict = s.ctx.lookup(outlines) as PDFDict;
      dict.set(PDFName.of('First'), item);
      dict.set(PDFName.of('Last'), item);
      s.catalog.set(PDFName.of('Outlines'), outlines);
    },
  },
  {
    channel: 10,
    id: '10b',
    title: 'named destinations',
    secret: 'Destinationer',
    build: (s) => {
      s.catalog.set(
        PDFName.of('Names'),
        s.ctx.obj({ Dests: { Names: [str(`about-${s.secret}`), [s.page.ref, 'Fit']] } }),
      );
      s.catalog.set(PDFName.of('Dests'), s.ctx.obj({ [s.secret]: [s.page.ref, 'Fit'] }));
    },
  },
  {
    channel: 11,
    id: '11',
    title: 'page labels',
    secret: 'Labelwright',
    build: (s) =>
      void s.catalog.set(
        PDFName.of('PageLabels'),
        s.ctx.obj({ Nums: [0, { S: 'D', P: str(`${s.secret}-`) }] }),
      ),
  },
  {
    channel: 12,
    id: '12',
    title: 'embedded and associated files',
    secret: 'Embeddington',
    build: (s) => {
      const file = s.ctx.register(
        s.ctx.stream(`Background papers on ${s.secret}.`, { Type: 'EmbeddedFile' }),
      );
      const spec = s.ctx.register(
        s.ctx.obj({
          Type: 'Filespec',
          F: str(`${s.secret}.txt`),
          UF: str(`${s.secret}.txt`),
          EF: { F: file },
          AFRelationship: 'Supplement',
        }),
      );
      s.catalog.set(
        PDFName.of('Names'),
        s.ctx.obj({ EmbeddedFiles: { Names: [str(`${s.secret}.txt`), spec] } }),
      );
      s.catalog.set(PDFName.of('AF'), s.ctx.obj([spec]));
    },
  },
  {
    channel: 13,
    id: '13',
    title: 'JavaScript, actions and links',
    secret: 'Scriptorford',
    build: (s) => {
      const js = (code: string) => s.ctx.obj({ S: 'JavaScript', JS: str(code) });
      s.catalog.set(
        PDFName.of('Names'),
        s.ctx.obj({ JavaScript: { Names: [str('init'), js(`app.alert('${s.secret}')`)] } }),
      );
      s.catalog.set(PDFName.of('OpenAction'), js(`console.println('${s.secret}')`));
      s.catalog.set(PDFName.of('AA'), s.ctx.obj({ WC: js(`var who = '${s.secret}'`) }));
      s.page.node.set(PDFName.of('AA'), s.ctx.obj({ O: js(`var p = '${s.secret}'`) }));
      const link = s.ctx.register(
        s.ctx.obj({
          Type: 'Annot',
          Subtype: 'Link',
          Rect: [72, 380, 300, 410],
          A: { S: 'URI', URI: str(`https://example.org/people/${s.secret}`) },
        }),
      );
      s.page.node.set(PDFName.of('Annots'), s.ctx.obj([link]));
    },
  },
  {
    channel: 14,
    id: '14',
    title: 'content of a hidden optional-content layer',
    secret: 'Layerbottom',
    build: (s) => {
      const ocg = s.ctx.register(s.ctx.obj({ Type: 'OCG', Name: str('Reviewer notes') }));
      sub(s.resources, 'Properties', s.ctx).set(PDFName.of('oc1'), ocg);
      s.catalog.set(PDFName.of('OCProperties'), s.ctx.obj({ OCGs: [ocg], D: { OFF: [ocg], Order: [ocg] } }));
      // Away from the region: hidden content must go whether or not a box covers it.
      s.content.push(`/OC /oc1 BDC ${showAt(`Note: ${s.secret} phoned twice`, 72, 300)} EMC`);
    },
  },
  {
    channel: 15,
    id: '15',
    title: 'JPEG under the box with the secret in its comment segment',
    secret: 'Exifcombe',
    build: async (s) => {
      const jpeg = await jpegWithComment(`Photo of ${s.secret}`);
      const image = s.ctx.register(
        s.ctx.stream(jpeg, {
          Type: 'XObject',
          Subtype: 'Image',
          Width: 16,
          Height: 16,
          ColorSpace: 'DeviceRGB',
          BitsPerComponent: 8,
          Filter: 'DCTDecode',
        }),
      );
      sub(s.resources, 'XObject', s.ctx).set(PDFName.of('Im1'), image);
      s.content.push('q 40 0 0 16 120 697 cm /Im1 Do Q');
    },
  },
  {
    channel: 16,
    id: '16',
    title: 'a vector path under the box (a drawn signature)',
    secret: '143.625 709.875',
    build: (s) => void s.content.push('q 0 g 0.5 w 72.125 701.375 m 143.625 709.875 l 100.375 697.125 l S Q'),
  },
  {
    channel: 17,
    id: '17',
    title: 'page thumbnail',
    secret: 'Thumbnailer',
    build: (s) => {
      const pixels = new TextEncoder().encode(s.secret.padEnd(16, '.'));
      s.page.node.set(
        PDFName.of('Thumb'),
        s.ctx.register(
          s.ctx.stream(pixels, { Width: 16, Height: 1, ColorSpace: 'DeviceGray', BitsPerComponent: 8 }),
        ),
      );
    },
  },
  {
    channel: 18,
    id: '18',
    title: 'an earlier revision kept by an incremental save',
    secret: 'Revisionist',
    build: (s) => void s.content.push(showAt(`Earlier draft named ${s.secret} here`, 72, 300)),
    after: (pdf, s) => incrementalUpdateWithout(pdf, s),
  },
  {
    channel: 19,
    id: '19',
    title: 'an unreachable object and data after %%EOF',
    secret: 'Orphanage',
    build: (s) => void s.ctx.register(s.ctx.obj({ Note: str(`Left over: ${s.secret}`) })),
    after: (pdf, s) => new Uint8Array(Buffer.concat([pdf, Buffer.from(`\n% trailing note: ${s.secret}\n`)])),
  },
  {
    channel: 20,
    id: '20',
    title: 'an unused resource',
    secret: 'Unusedhurst',
    build: (s) =>
      void sub(s.resources, 'XObject', s.ctx).set(PDFName.of('Fm9'), form(s, showAt(s.secret, 72, 300))),
  },
  {
    channel: 21,
    id: '21',
    title: 'a font used only by the redacted text, named after it',
    secret: 'Fontainebleauish',
    build: (s) => {
      const descriptor = s.ctx.obj({
        Type: 'FontDescriptor',
        FontName: s.secret,
        Flags: 32,
        FontBBox: [0, -200, 1000, 800],
        ItalicAngle: 0,
        Ascent: 800,
        Descent: -200,
        CapHeight: 700,
        StemV: 80,
      });
      const widths = Array.from({ length: 95 }, () => 600);
      const font = s.ctx.register(
        s.ctx.obj({
          Type: 'Font',
          Subtype: 'TrueType',
          BaseFont: s.secret,
          FirstChar: 32,
          LastChar: 126,
          Widths: widths,
          FontDescriptor: descriptor,
          Encoding: 'WinAnsiEncoding',
        }),
      );
      sub(s.resources, 'Font', s.ctx).set(PDFName.of('F2'), font);
      s.content.push(showAt('Jo Bloggs', 74, 701, '', 'F2'));
    },
  },
  {
    channel: 22,
    id: '22',
    title: 'a digital signature',
    secret: 'Signatorius',
    build: (s) => {
      const sig = s.ctx.register(
        s.ctx.obj({
          Type: 'Sig',
          Filter: 'Adobe.PPKLite',
          SubFilter: 'adbe.pkcs7.detached',
          Name: str(s.secret),
          Reason: str(`Approved by ${s.secret}`),
          ByteRange: [0, 0, 0, 0],
          Contents: PDFHexString.of(hexOf(`certificate of ${s.secret}`).padEnd(256, '0')),
        }),
      );
      const field = s.ctx.register(
        s.ctx.obj({
          Type: 'Annot',
          Subtype: 'Widget',
          FT: 'Sig',
          T: str('Signature1'),
          V: sig,
          Rect: [0, 0, 0, 0],
          P: s.page.ref,
        }),
      );
      s.page.node.set(PDFName.of('Annots'), s.ctx.obj([field]));
      s.catalog.set(PDFName.of('AcroForm'), s.ctx.obj({ Fields: [field], SigFlags: 3 }));
      s.catalog.set(PDFName.of('Perms'), s.ctx.obj({ DocMDP: sig }));
    },
  },
  {
    channel: 23,
    id: '23',
    title: 'the trailer /ID',
    secret: 'Identifierly',
    build: (s) => {
      const id = PDFHexString.of(hexOf(s.secret.padEnd(16, 'x')));
      s.ctx.trailerInfo.ID = s.ctx.obj([id, id]) as PDFArray;
    },
  },
  {
    channel: 25,
    id: '25',
    title: 'an unapplied Redact annotation with overlay text and reviewer',
    secret: 'Overlayford',
    build: (s) => {
      const redact = s.ctx.register(
        s.ctx.obj({
          Type: 'Annot',
          Subtype: 'Redact',
          Rect: [70, 696, 250, 714],
          QuadPoints: [70, 714, 250, 714, 70, 696, 250, 696],
          OverlayText: str(s.secret),
          T: str(`${s.secret} (reviewer)`),
          Contents: str(`Redact ${s.secret}`),
          M: str('D:20260101000000Z'),
        }),
      );
      s.page.node.set(PDFName.of('Annots'), s.ctx.obj([redact]));
    },
  },
  {
    channel: 26,
    id: '26',
    title: 'an encrypted file (AES-256), opened with its password',
    secret: 'Cryptonville',
    password: 'open-sesame',
    build: (s) => s.doc.encrypt({ userPassword: 'open-sesame', ownerPassword: 'owner-only' }),
  },
];

/** A 16×16 JPEG with a COM segment holding `comment` (as cameras keep EXIF notes). */
async function jpegWithComment(comment: string): Promise<Uint8Array> {
  const { createCanvas } = await import('@napi-rs/canvas');
  const canvas = createCanvas(16, 16);
  const context = canvas.getContext('2d');
  context.fillStyle = '#884422';
  context.fillRect(0, 0, 16, 16);
  const jpeg = await canvas.encode('jpeg', 90);
  const body = Buffer.from(comment, 'latin1');
  const segment = Buffer.concat([
    Buffer.from([0xff, 0xfe, (body.length + 2) >> 8, (body.length + 2) & 255]),
    body,
  ]);
  return new Uint8Array(Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]));
}

/**
 * Appends an incremental update that replaces page 1's content with one lacking the last
 * line (the earlier draft): the final revision shows no secret there, the file still holds it.
 */
function incrementalUpdateWithout(pdf: Uint8Array, s: Scene): Uint8Array {
  const original = Buffer.from(pdf);
  const text = original.toString('latin1');
  const startxref = Number(/startxref\s+(\d+)/.exec(text.slice(text.lastIndexOf('startxref')))?.[1]);
  const size = Number(/\/Size (\d+)/.exec(text.slice(text.lastIndexOf('trailer')))?.[1]);
  const rootRef = /\/Root (\d+ \d+ R)/.exec(text.slice(text.lastIndexOf('trailer')))?.[1];
  const pageRef = s.page.ref;
  const pageDict = s.page.node;
  const newContent = s.content.slice(0, -1).join('\n');
  const contentNumber = size;
  const parts: string[] = [];
  const offsets: Array<[number, number]> = [];
  let at = original.length + 1;
  const add = (num: number, body: string) => {
    offsets.push([num, at]);
    const chunk = `${num} 0 obj\n${body}\nendobj\n`;
    parts.push(chunk);
    at += Buffer.byteLength(chunk, 'latin1');
  };
  add(contentNumber, `<< /Length ${newContent.length} >>\nstream\n${newContent}\nendstream`);
  const pageBody = pageDict.toString().replace(/\/Contents [^/>]+/, `/Contents ${contentNumber} 0 R `);
  add(pageRef.objectNumber, pageBody);
  const xrefAt = at;
  const xref = offsets
    .sort((a, b) => a[0] - b[0])
    .map(([num, offset]) => `${num} 1\n${String(offset).padStart(10, '0')} 00000 n \n`)
    .join('');
  const trailer = `trailer\n<< /Size ${size + 1} /Root ${rootRef} /Prev ${startxref} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return new Uint8Array(
    Buffer.concat([original, Buffer.from(`\n${parts.join('')}xref\n${xref}${trailer}`, 'latin1')]),
  );
}

/** Every leak-channel fixture, built fresh. */
export async function buildLeakFixtures(): Promise<LeakFixture[]> {
  const fixtures: LeakFixture[] = [];
  for (const recipe of RECIPES) {
    const s = await scene(recipe.secret);
    await recipe.build(s);
    let pdf = await save(s);
    if (recipe.after) pdf = await recipe.after(pdf, s);
    fixtures.push({
      channel: recipe.channel,
      id: recipe.id,
      title: recipe.title,
      secret: recipe.secret,
      keep: KEEP_SENTENCE,
      pdf,
      regions: s.regions,
      ...(recipe.password ? { password: recipe.password } : {}),
    });
  }
  return fixtures;
}

/** Channels deliberately without a fixture here, and where they are tested instead. */
export const CHANNELS_COVERED_ELSEWHERE: Record<number, string> = {
  24: 'geometry side-channels: the property suite checks that no surviving glyph moves',
};
