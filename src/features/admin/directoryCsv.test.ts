import { describe, expect, it } from 'vitest';
import { directoryPayload, directoryTree, parseCsvRecords, parseDirectoryCsv } from './directoryCsv';

const HEADER = 'policy_area,team,user_id,name,email,subjects';

describe('importing the directory from a CSV file', () => {
  it('reads policy areas, teams and people with the subjects they answer on', () => {
    const result = parseDirectoryCsv(
      `${HEADER}\r\nEnvironment,Waste policy,priya.shah,Priya Shah,priya.shah@example.gov.uk,bins; recycling\r\nHousing,"Homelessness, prevention",tom.wu,Tom Wu,tom.wu@example.gov.uk,\r\n`,
    );
    expect(result).toEqual({
      ok: true,
      rows: [
        {
          policyArea: 'Environment',
          team: 'Waste policy',
          userId: 'priya.shah',
          name: 'Priya Shah',
          email: 'priya.shah@example.gov.uk',
          subjects: ['bins', 'recycling'],
        },
        {
          policyArea: 'Housing',
          team: 'Homelessness, prevention',
          userId: 'tom.wu',
          name: 'Tom Wu',
          email: 'tom.wu@example.gov.uk',
          subjects: [],
        },
      ],
    });
  });

  it('accepts the columns in any order and a spreadsheet byte-order mark', () => {
    const result = parseDirectoryCsv(
      '\uFEFFname,email,user_id,team,policy_area,subjects\nAna Bell,ana@example.gov.uk,ana,IT,Digital,laptops\n',
    );
    expect(result.ok && result.rows[0]?.team).toBe('IT');
  });

  it('reports every bad row by its line number and imports nothing', () => {
    const result = parseDirectoryCsv(
      [
        HEADER,
        'Environment,Waste policy,priya.shah,Priya Shah,priya.shah@example.gov.uk,bins',
        'Environment,,sam,Sam Lee,not-an-email,',
        'Environment,Waste policy,priya.shah,Priya Shah,priya.shah@example.gov.uk,',
        'Housing,Lettings,has space,Jo,jo@example.gov.uk,',
      ].join('\n'),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      { line: 3, message: 'team is empty; email is not an e-mail address' },
      { line: 4, message: 'priya.shah is already in Waste policy on line 2' },
      { line: 5, message: 'user_id must be letters, numbers, dots or dashes (no spaces)' },
    ]);
  });

  it('counts lines inside a quoted field, so later errors point at the right line', () => {
    const records = parseCsvRecords('a,b\n"two\nlines",x\nlast,y\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(records[1]?.fields).toEqual(['two\nlines', 'x']);
  });

  it('says which columns are missing from the first line', () => {
    const result = parseDirectoryCsv('team,name\nIT,Ana\n');
    expect(!result.ok && result.errors[0]?.message).toMatch(/Missing: policy_area, user_id, email, subjects/);
  });

  it('arranges people under teams under policy areas, alphabetically', () => {
    const result = parseDirectoryCsv(
      `${HEADER}\nHousing,Lettings,b,Bea,b@x.gov.uk,\nEnvironment,Waste,c,Cal,c@x.gov.uk,\nHousing,Lettings,a,Abe,a@x.gov.uk,\n`,
    );
    if (!result.ok) throw new Error('expected a clean file');
    const tree = directoryTree(result.rows);
    expect(tree.map((a) => a.policyArea)).toEqual(['Environment', 'Housing']);
    expect(tree[1]?.teams[0]?.people.map((p) => p.name)).toEqual(['Abe', 'Bea']);
  });
});

describe('the directory import event', () => {
  it('gives areas, teams and people ids from their names, and merges a person in two teams', () => {
    const result = parseDirectoryCsv(
      `${HEADER}\nEnvironment,Waste & Recycling,priya,Priya Shah,priya@x.gov.uk,Bins;recycling\nHousing,Policy,priya,Priya Shah,priya@x.gov.uk,\nEnvironment,Policy,sam,Sam Lee,sam@x.gov.uk,air quality\n`,
    );
    if (!result.ok) throw new Error('expected a clean file');
    const payload = directoryPayload(result.rows, 'directory.csv');
    expect(payload.policyAreas).toEqual([
      { policyAreaId: 'environment', name: 'Environment', keywords: ['bins', 'recycling', 'air quality'] },
      { policyAreaId: 'housing', name: 'Housing', keywords: [] },
    ]);
    expect(payload.teams.map((t) => t.teamId)).toEqual([
      'environment--waste-recycling',
      'housing--policy',
      'environment--policy',
    ]);
    expect(payload.people.find((p) => p.userId === 'priya')?.teamIds).toEqual([
      'environment--waste-recycling',
      'housing--policy',
    ]);
  });
});
