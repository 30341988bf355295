// My work page (being built: the shell can route to it already).
export function MyWorkPage() {
  return <h1 className="govuk-heading-l">My work</h1>;
}
