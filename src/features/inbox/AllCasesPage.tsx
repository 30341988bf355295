// All cases page (being built: the shell can route to it already).
export function AllCasesPage() {
  return <h1 className="govuk-heading-l">All cases</h1>;
}
