// The app shell: placeholder until the shell issue lands routes, layout and providers.
export function App() {
  return (
    <main className="govuk-main-wrapper" id="main-content">
      <h1 className="govuk-heading-xl">Clearway</h1>
    </main>
  );
}
