// Log a request page (being built: the shell can route to it already).
export function LogRequestPage() {
  return <h1 className="govuk-heading-l">Log a request</h1>;
}
