import { describe, expect, it } from 'vitest';
import { paginationItems } from './paginationItems';

describe('the page numbers a long list offers', () => {
  it('shows every page of a short list', () => {
    expect(paginationItems(1, 1)).toEqual([1]);
    expect(paginationItems(2, 4)).toEqual([1, 2, 3, 4]);
  });

  it('shows the ends and the neighbours of the current page, with gaps marked', () => {
    expect(paginationItems(1, 1000)).toEqual([1, 2, 'ellipsis', 1000]);
    expect(paginationItems(500, 1000)).toEqual([1, 'ellipsis', 499, 500, 501, 'ellipsis', 1000]);
    expect(paginationItems(1000, 1000)).toEqual([1, 'ellipsis', 999, 1000]);
  });

  it('writes out a single missing page instead of an ellipsis', () => {
    expect(paginationItems(4, 10)).toEqual([1, 2, 3, 4, 5, 'ellipsis', 10]);
  });
});
