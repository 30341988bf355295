// The timeline names the device each accepted step came from: the name this device knows, or
// else the one the server recorded with the step (someone else's device), or a short id.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../domain';
import { Timeline } from './Timeline';

const entry = (eventId: string, deviceId: string, deviceName?: string): TimelineEntry => ({
  eventId,
  type: 'note.added',
  actor: 'jo',
  actorName: 'Jo Bloggs',
  deviceId,
  ...(deviceName ? { deviceName } : {}),
  madeAt: '2026-03-02T10:00:00Z',
  acceptedAt: '2026-03-02T10:01:00Z',
  seq: eventId === 'e1' ? 1 : 2,
  summary: `Added a note (${eventId})`,
  payload: {},
});

const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the timeline', () => {
  it("names someone else's device by the name the server recorded", () => {
    const html = renderToStaticMarkup(
      <Timeline entries={[entry('e1', 'dev-jo-ipad', 'Jo’s iPad')]} unsent={[]} deviceNames={{}} />,
    );
    expect(textOf(html)).toContain('on Jo’s iPad');
  });

  it('prefers the name this device knows, and says "this device" for its own', () => {
    const html = renderToStaticMarkup(
      <Timeline
        entries={[entry('e1', 'dev-mine', 'Old name'), entry('e2', 'dev-laptop', 'Recorded name')]}
        unsent={[]}
        deviceNames={{ 'dev-mine': 'My tablet', 'dev-laptop': 'Work laptop' }}
        thisDeviceId="dev-mine"
      />,
    );
    expect(textOf(html)).toContain('on this device (My tablet)');
    expect(textOf(html)).toContain('on Work laptop');
    expect(textOf(html)).not.toContain('Recorded name');
  });

  it('falls back to a short id for a step recorded before names were kept', () => {
    const html = renderToStaticMarkup(
      <Timeline entries={[entry('e1', '0192f3a1-7c2e-7000-8000-000000000000')]} unsent={[]} />,
    );
    expect(textOf(html)).toContain('on another device (0192f3a1)');
  });
});
