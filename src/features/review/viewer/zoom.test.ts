// Zoom steps, fit width, ctrl+wheel and pinch.
import { describe, expect, it } from 'vitest';
import {
  clampScale,
  fitWidthScale,
  MAX_SCALE,
  MIN_SCALE,
  percent,
  pinchScale,
  wheelZoom,
  zoomIn,
  zoomOut,
} from './zoom';

describe('zoom', () => {
  it('steps in and out through the usual levels, from any level', () => {
    expect(zoomIn(1)).toBe(1.1);
    expect(zoomOut(1)).toBe(0.9);
    expect(zoomIn(1.17)).toBe(1.25);
    expect(zoomOut(1.17)).toBe(1.1);
    expect(zoomIn(MAX_SCALE)).toBe(MAX_SCALE);
    expect(zoomOut(MIN_SCALE)).toBe(MIN_SCALE);
  });

  it('keeps the zoom between the limits', () => {
    expect(clampScale(100)).toBe(MAX_SCALE);
    expect(clampScale(0)).toBe(MIN_SCALE);
    expect(clampScale(Number.NaN)).toBe(1);
  });

  it('fits the page width into the space less a margin', () => {
    expect(fitWidthScale(600, 1224, 24)).toBe(2);
    expect(fitWidthScale(595, 10, 24)).toBe(1);
  });

  it('zooms in when the wheel turns up and out when it turns down, by about a tenth a notch', () => {
    const up = wheelZoom(1, -100);
    const down = wheelZoom(1, 100);
    expect(up).toBeGreaterThan(1.08);
    expect(up).toBeLessThan(1.12);
    expect(down).toBeLessThan(1);
    expect(wheelZoom(1, 3, 1)).toBeCloseTo(wheelZoom(1, 99, 0), 5);
  });

  it('follows the fingers in a pinch', () => {
    expect(pinchScale(1.5, 100, 200)).toBe(3);
    expect(pinchScale(1, 100, 50)).toBe(0.5);
    expect(pinchScale(1, 0, 50)).toBe(1);
    expect(percent(1.25)).toBe('125%');
  });
});
