// Directory page (being built: the shell can route to it already).
export function DirectoryPage() {
  return <h1 className="govuk-heading-l">Directory</h1>;
}
