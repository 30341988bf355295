// The template library as screens read it, from the `org:templates` stream kept on the device.
import { useMemo } from 'react';
import { useTemplates } from '../../data';
import type { Template, TemplatesState } from '../../domain/caseState';
import { LETTERHEAD_TEMPLATE_ID } from '../sending/letterhead';

function isTemplatesState(value: unknown): value is TemplatesState {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'templates';
}

/** Every entry of the library as stored, the letterhead included (it is kept there too). */
export function useTemplateEntries(): { templates: Template[]; isLoading: boolean } {
  const { state, isLoading } = useTemplates();
  const templates = useMemo(() => (isTemplatesState(state) ? state.templates : []), [state]);
  return { templates, isLoading };
}

/** Every letter template, retired ones included (the library page shows them; editors hide them). */
export function useTemplateList(): { templates: Template[]; isLoading: boolean } {
  const { templates, isLoading } = useTemplateEntries();
  const letters = useMemo(
    () => templates.filter((t) => t.templateId !== LETTERHEAD_TEMPLATE_ID),
    [templates],
  );
  return { templates: letters, isLoading };
}
