// The template library as screens read it, from the `org:templates` stream kept on the device.
import { useMemo } from 'react';
import { useTemplates } from '../../data';
import type { Template, TemplatesState } from '../../domain/caseState';

function isTemplatesState(value: unknown): value is TemplatesState {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'templates';
}

/** Every template, retired ones included (the library page shows them; editors hide them). */
export function useTemplateList(): { templates: Template[]; isLoading: boolean } {
  const { state, isLoading } = useTemplates();
  const templates = useMemo(() => (isTemplatesState(state) ? state.templates : []), [state]);
  return { templates, isLoading };
}
