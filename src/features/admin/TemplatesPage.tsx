// Letter templates page (being built: the shell can route to it already).
export function TemplatesPage() {
  return <h1 className="govuk-heading-l">Letter templates</h1>;
}
