// biome-ignore-all lint/complexity/useArrowFunction: MuJS, which runs this file, parses ES5 only.
// MuPDF's own redaction, as the reference the benchmark compares against (run by `mutool run`,
// MuJS: ES5 only, hence `var` and no arrow functions). Arguments: IN.pdf OUT.pdf REGIONS.json
// [PASSWORD]. Regions are in MuPDF's page space, which like pdf.js's viewport is points from the
// top left of the page as shown. Prints the milliseconds spent opening, applying and saving,
// measured inside MuPDF so process start-up is not counted against it.
function main(args) {
  var started = Date.now();
  var doc = new PDFDocument(args[0]);
  if (doc.needsPassword()) doc.authenticatePassword(args[3] || '');
  var regions = JSON.parse(read(args[2]));
  var byPage = {};
  regions.forEach(function (r) {
    if (!byPage[r.page]) byPage[r.page] = [];
    byPage[r.page].push(r);
  });
  Object.keys(byPage).forEach(function (key) {
    var page = doc.loadPage(Number(key) - 1);
    byPage[key].forEach(function (r) {
      page.createAnnotation('Redact').setRect([r.x, r.y, r.x + r.width, r.y + r.height]);
    });
    page.applyRedactions();
  });
  doc.save(args[1], 'garbage=4,compress');
  print(Date.now() - started);
}

main(scriptArgs);
