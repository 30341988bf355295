// Case page (being built: the shell can route to it already).
export function CasePage() {
  return <h1 className="govuk-heading-l">Case</h1>;
}
