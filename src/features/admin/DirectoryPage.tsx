// The directory of policy areas → teams → people, which allocation suggests owners from.
// An administrator replaces it by importing a CSV file (the spreadsheet kept by hand until
// now); every row is checked first and problems are listed by line, so nothing half-imports.
import '../journey.css';
import { type ChangeEvent, useState } from 'react';
import { useSession } from '../../data';
import type { StreamId } from '../../domain';
import { useDirectoryState } from '../allocation/directoryData';
import { useStep } from '../case/useStep';
import { type CsvLineError, DIRECTORY_COLUMNS, directoryPayload, parseDirectoryCsv } from './directoryCsv';

const DIRECTORY_STREAM = 'org:directory' as StreamId;

function ImportCsv() {
  const { run, problem, isSending } = useStep(DIRECTORY_STREAM);
  const [errors, setErrors] = useState<CsvLineError[]>([]);
  const [fileName, setFileName] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setFileName(file.name);
    setDone(null);
    const result = parseDirectoryCsv(await file.text());
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors([]);
    const payload = directoryPayload(result.rows, file.name);
    if (await run('directory.imported', payload)) {
      setDone(
        `Saved on this device: ${payload.people.length} people in ${payload.teams.length} teams and ${payload.policyAreas.length} policy areas from ${file.name}. The directory below shows them once they reach the server.`,
      );
    }
  };
  return (
    <div className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m">Import from a CSV file</h2>
      <p className="govuk-body">
        The file replaces the whole directory. Its first line names the columns:{' '}
        <code>{DIRECTORY_COLUMNS.join(',')}</code>. One row per person per team; put several subjects in one
        cell separated by semicolons.
      </p>
      {errors.length > 0 ? (
        <div className="govuk-error-summary" role="alert" data-testid="csv-errors">
          <h3 className="govuk-error-summary__title">
            {fileName} was not imported: fix{' '}
            {errors.length === 1 ? 'this line' : `these ${errors.length} lines`} and try again
          </h3>
          <div className="govuk-error-summary__body">
            <ul className="govuk-list govuk-error-summary__list">
              {errors.map((e) => (
                <li key={`${e.line}-${e.message}`}>
                  Line {e.line}: {e.message}
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      {problem ? (
        <p className="govuk-error-message" role="alert">
          {problem}
        </p>
      ) : null}
      {done ? (
        <div className="govuk-inset-text" data-testid="csv-imported">
          {done}
        </div>
      ) : null}
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="directory-csv">
          Directory CSV file
        </label>
        <input
          className="govuk-file-upload"
          id="directory-csv"
          type="file"
          accept=".csv,text/csv"
          onChange={choose}
          disabled={isSending}
        />
      </div>
    </div>
  );
}

export function DirectoryPage() {
  const session = useSession();
  const directory = useDirectoryState();
  const isAdmin = session.status === 'signed-in' && session.user.roles.includes('administrator');
  const areas = [...directory.policyAreas].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  return (
    <>
      <h1 className="govuk-heading-l">Directory</h1>
      <p className="govuk-body">
        Who answers on what: policy areas, their teams and people. Allocation suggests owners from it.
      </p>
      {isAdmin ? <ImportCsv /> : null}
      {areas.length === 0 ? (
        <p className="govuk-body">
          The directory is empty.
          {isAdmin ? ' Import it from a CSV file.' : ' An administrator can import it.'}
        </p>
      ) : (
        areas.map((area) => (
          <section key={area.policyAreaId} className="govuk-!-margin-bottom-6" data-testid="policy-area">
            <h2 className="govuk-heading-m">{area.name}</h2>
            {area.keywords.length > 0 ? (
              <p className="govuk-body-s">Subjects: {area.keywords.join(', ')}</p>
            ) : null}
            {directory.teams
              .filter((t) => t.policyAreaId === area.policyAreaId)
              .map((team) => (
                <div key={team.teamId}>
                  <h3 className="govuk-heading-s">{team.name}</h3>
                  <ul className="govuk-list govuk-list--bullet">
                    {directory.people
                      .filter((p) => p.teamIds.includes(team.teamId))
                      .map((p) => (
                        <li key={p.userId}>
                          {p.name}
                          {p.email ? ` (${p.email})` : ''}
                        </li>
                      ))}
                  </ul>
                </div>
              ))}
          </section>
        ))
      )}
    </>
  );
}
