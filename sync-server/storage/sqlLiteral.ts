// Text written into SQL as a literal, for the few statements that must travel without
// parameters (a simple query that also carries `commit`). As libpq's PQescapeLiteral: quotes
// doubled, and where there is a backslash the E'' form with backslashes doubled, which reads the
// same whether the server's standard_conforming_strings is on or off, so no setting lets a
// value end the literal early.
export function sqlLiteral(text: string): string {
  const quoted = text.replaceAll("'", "''");
  return text.includes('\\') ? ` E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}
