// The clearance review tool for one document: the viewer with every mark drawn over its pages,
// the mark-up tools, the redaction details, search, suggestions, the marks list with decisions,
// and making the release copy. Every mark is an event with its author; nothing here is stored
// except through those events, so it all works offline and merges when people sync.
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  agreedRedactions,
  type CaseState,
  describeReviewProgress,
  exemptionsFor,
  type InkPoint,
  type Mark,
  marksOn,
  type Rect,
  reviewProgress,
  type StreamId,
  thirdPartiesOf,
} from '../../domain';
import type { Finding } from '../../pdf/find';
import { CommentComposer } from './CommentComposer';
import { rememberExemption, rememberedExemption, startingExemption } from './exemptionChoice';
import { isDrawingTool, MarkOverlay, type OverlayActions, OverlayContext, type Tool } from './MarkOverlay';
import { MarksList } from './MarksList';
import { marksByPage } from './markGroups';
import {
  type CommentAnchor,
  comment,
  highlightSelection,
  ink,
  type NewMark,
  redactArea,
  redactFindings,
  redactPage,
  redactSelection,
  reply,
  type SelectionOnPage,
} from './newMarks';
import { RedactionDetails } from './RedactionDetails';
import { SearchPanel } from './SearchPanel';
import { SelectedMark } from './SelectedMark';
import { ShareAndApply } from './ShareAndApply';
import { SuggestionsPanel } from './SuggestionsPanel';
import { peopleToLookFor, type Suggestion, suggestRedactions, withoutCovered } from './suggestions';
import { textUnder } from './textUnder';
import { useKeyboardReshape } from './useKeyboardReshape';
import { newMarkId, useMarkEvents } from './useMarkEvents';
import { useReleaseCopy } from './useReleaseCopy';
import {
  DocumentViewer,
  PageJump,
  type PageSize,
  Thumbnails,
  useDocumentSearch,
  type ViewerHandle,
  ZoomControls,
} from './viewer';
import './review.css';

const TOOLS: { tool: Tool; label: string }[] = [
  { tool: 'select', label: 'Select text' },
  { tool: 'comment', label: 'Comment' },
  { tool: 'highlight', label: 'Highlight' },
  { tool: 'draw', label: 'Draw' },
  { tool: 'area', label: 'Redact area' },
];

const MOVE_HINT =
  'To move the selected redaction, drag it or its round handle; drag a corner to resize it. With the keyboard: arrow keys move it 1 point, Shift and an arrow 10 points, Alt and an arrow change its size.';

const TOOL_HINTS: Record<Tool, string> = {
  select: 'Select text on the page, then use the buttons for the selected text.',
  comment: 'Tap or click the page where the comment belongs.',
  highlight: 'Select text on the page to highlight it.',
  draw: 'Draw with a pen or mouse. A finger scrolls the page.',
  area: 'Drag a box over what to redact.',
};

export type ReviewToolProps = {
  state: CaseState;
  stream: StreamId;
  documentSha: string;
  documentName: string;
  bytes: Uint8Array;
  pdf: PDFDocumentProxy;
  nameOf(userId: string): string;
  names: Record<string, string>;
  allowed: ReadonlySet<string>;
};

export function ReviewTool(props: ReviewToolProps) {
  const { state, documentSha, pdf, nameOf } = props;
  const viewer = useRef<ViewerHandle>(null);
  const { send, problem, clearProblem } = useMarkEvents(props.stream);
  const [tool, setTool] = useState<Tool>('select');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [composer, setComposer] = useState<CommentAnchor | null>(null);
  const [scale, setScale] = useState(1);
  const [currentPage, setCurrentPage] = useState(1);
  const [hits, setHits] = useState<Finding[]>([]);
  const [currentHit, setCurrentHit] = useState(0);
  const [found, setFound] = useState<Suggestion[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const exemptions = useMemo(() => exemptionsFor(state.caseType), [state.caseType]);
  const [defaults, setDefaults] = useState(() => ({
    exemption: startingExemption(state.caseType, rememberedExemption()),
    note: '',
  }));
  const lastSelection = useRef<SelectionOnPage[] | null>(null);
  const search = useDocumentSearch(pdf);

  const marks = useMemo(() => marksOn(state, documentSha), [state, documentSha]);
  const selected = marks.find((m) => m.id === selectedId) ?? null;
  const canEdit = props.allowed.has('annotation.edited');
  const movable =
    canEdit && selected?.kind === 'redaction' && selected.status !== 'deleted' ? selected : null;
  const agreed = useMemo(() => agreedRedactions(state, documentSha), [state, documentSha]);
  const progress = describeReviewProgress(reviewProgress(state, documentSha));
  const canMark = props.allowed.has('annotation.added') && props.allowed.has('redaction.proposed');
  const canDecide = props.allowed.has('redaction.agreed');
  const release = useReleaseCopy({
    bytes: props.bytes,
    pageCount: pdf.numPages,
    documentSha,
    documentName: props.documentName,
    nameOf,
    send,
  });

  /** Sends new marks; a single new redaction is selected so its details can be changed at once. */
  const create = useCallback(
    async (made: readonly NewMark[]) => {
      if (made.length === 0) return false;
      const isSent = await send(made);
      const [first] = made;
      if (isSent && made.length === 1 && first?.type === 'redaction.proposed')
        setSelectedId(first.payload.redactionId);
      if (isSent && made.length > 1) setNotice(`${made.length} marks added.`);
      // A note belongs to the redactions it was written for, not to every one after them.
      if (isSent && made.some((m) => m.type === 'redaction.proposed'))
        setDefaults((current) => (current.note === '' ? current : { ...current, note: '' }));
      return isSent;
    },
    [send],
  );

  // The text selection, read when a button is pressed; the last one seen is kept because a
  // tap on a touch screen can clear the selection before the button hears it.
  useEffect(() => {
    const remember = () => {
      const current = viewer.current?.selection();
      if (current && current.length > 0) lastSelection.current = current;
    };
    document.addEventListener('selectionchange', remember);
    return () => document.removeEventListener('selectionchange', remember);
  }, []);
  const takeSelection = (): SelectionOnPage[] | null => {
    const current = viewer.current?.selection();
    const chosen = current && current.length > 0 ? current : lastSelection.current;
    lastSelection.current = null;
    viewer.current?.clearSelection();
    if (!chosen || chosen.length === 0) {
      setNotice('Select some text in the document first.');
      return null;
    }
    setNotice(null);
    return chosen;
  };

  const redactSelected = () => {
    const selection = takeSelection();
    if (selection) void create(redactSelection(selection, documentSha, defaults, newMarkId));
  };
  const highlightSelected = useCallback(() => {
    const selection = viewer.current?.selection();
    if (!selection || selection.length === 0) return false;
    viewer.current?.clearSelection();
    void create(highlightSelection(selection, documentSha, newMarkId));
    return true;
  }, [create, documentSha]);
  const commentOnSelected = () => {
    const selection = takeSelection();
    const first = selection?.[0];
    if (!selection || !first) return;
    setSelectedId(null);
    setComposer({ page: first.page, rects: first.rects, quote: selection.map((s) => s.text).join(' ') });
  };

  // A redaction moved or resized: its new place, and the words now under it for the schedule.
  const pageSizes = useRef(new Map<number, PageSize>());
  const reshapeMark = useCallback(
    async (mark: Mark, rects: Rect[]) => {
      // Only this page's text (one page read, or none when the document's text is already read).
      const page = await search.page(mark.page).catch(() => undefined);
      const text = page ? { text: textUnder(page, rects) } : {};
      return send([{ type: 'annotation.edited', payload: { annotationId: mark.id, rects, ...text } }]);
    },
    [search, send],
  );
  const preview = useKeyboardReshape({
    mark: movable,
    pageSize: (page) => pageSizes.current.get(page),
    save: reshapeMark,
  });
  const shownMarks = useMemo(
    () => (preview ? marks.map((m) => (m.id === preview.id ? { ...m, rects: preview.rects } : m)) : marks),
    [marks, preview],
  );
  const byPage = useMemo(() => marksByPage(shownMarks), [shownMarks]);

  // Escape closes the new comment, or lets go of the selected mark.
  const isComposing = useRef(false);
  isComposing.current = composer !== null;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      if (isComposing.current) setComposer(null);
      else setSelectedId(null);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // With the Highlight tool on, letting go of a text selection highlights it.
  useEffect(() => {
    if (tool !== 'highlight') return;
    const onRelease = () => setTimeout(highlightSelected, 0);
    document.addEventListener('pointerup', onRelease);
    document.addEventListener('keyup', onRelease);
    return () => {
      document.removeEventListener('pointerup', onRelease);
      document.removeEventListener('keyup', onRelease);
    };
  }, [tool, highlightSelected]);

  const overlay = useMemo(
    (): OverlayActions => ({
      marksByPage: byPage,
      selectedId,
      tool,
      select: (id) => {
        setComposer(null);
        setSelectedId(id);
        // Bring its details into view in the side panel (they sit at its top).
        requestAnimationFrame(() =>
          document.getElementById('selected-mark-heading')?.scrollIntoView({ block: 'nearest' }),
        );
      },
      finishBox: (page: number, rect: Rect) =>
        void create([redactArea(page, rect, documentSha, defaults, newMarkId())]),
      finishStroke: (page: number, stroke: InkPoint[]) =>
        void create([ink(page, stroke, documentSha, newMarkId())]),
      placeComment: (page, at) => {
        setSelectedId(null);
        setComposer({ page, rects: [{ x: at.x, y: at.y, width: 0, height: 0 }], quote: null });
      },
      reshape: canEdit
        ? (id, rects) => {
            const mark = marks.find((m) => m.id === id);
            return mark ? reshapeMark(mark, rects) : Promise.resolve(false);
          }
        : null,
    }),
    [byPage, selectedId, tool, create, documentSha, defaults, canEdit, marks, reshapeMark],
  );
  const renderOverlay = useCallback((page: PageSize, at: number) => {
    // Kept for the keyboard's moves, which stop at the page's edges.
    pageSizes.current.set(page.page, page);
    return <MarkOverlay width={page.width} height={page.height} page={page.page} scale={at} />;
  }, []);

  const show = (page: number, rect?: Rect) => {
    if (rect && rect.width > 0) viewer.current?.scrollToRect(page, rect);
    else viewer.current?.scrollToPage(page);
  };
  const selectMark = (mark: Mark) => {
    setComposer(null);
    setSelectedId(mark.id);
    show(mark.page, mark.rects[0]);
  };

  // Suggestions: the document's text is read once (shared with search), in the background.
  // Keyed by value: the state changes with every mark, the people seldom.
  const { caseType } = state;
  const requesterName = state.requester.name;
  const thirdParties = JSON.stringify(thirdPartiesOf(state));
  const people = useMemo(
    () => peopleToLookFor(caseType, requesterName, JSON.parse(thirdParties) as string[]),
    [caseType, requesterName, thirdParties],
  );
  useEffect(() => {
    let isCurrent = true;
    search
      .pages()
      .then((pages) => isCurrent && setFound(suggestRedactions(pages, people)))
      .catch(() => isCurrent && setFound([]));
    return () => {
      isCurrent = false;
    };
  }, [search, people]);
  const suggestions = useMemo(() => (found ? withoutCovered(found, marks) : null), [found, marks]);

  const wholePage = async (kind: 'redact' | 'comment') => {
    const pageProxy = await pdf.getPage(currentPage);
    const { width, height } = pageProxy.getViewport({ scale: 1 });
    if (kind === 'redact')
      void create([redactPage({ page: currentPage, width, height }, documentSha, defaults, newMarkId())]);
    else {
      setSelectedId(null);
      setComposer({ page: currentPage, rects: [{ x: 24, y: 24, width: 0, height: 0 }], quote: null });
    }
  };

  const changeDefaults = (next: { exemption: string; note: string }) => {
    setDefaults(next);
    rememberExemption(next.exemption);
  };
  const edit = (mark: Mark, change: { exemption?: string; note?: string; text?: string }) => {
    if (change.exemption) rememberExemption(change.exemption);
    return send([{ type: 'annotation.edited', payload: { annotationId: mark.id, ...change } }]);
  };

  return (
    <div className="review-tool">
      {/* Not a live region: the header's sync indicator is the page's one status message, and a
          line that changes with every mark would talk over the person's own work. */}
      <p className="govuk-body review-tool__status" data-testid="review-progress">
        {progress}
      </p>
      {problem ? (
        <div className="govuk-error-summary" role="alert">
          <h2 className="govuk-error-summary__title">That change was not saved</h2>
          <div className="govuk-error-summary__body">
            <p className="govuk-body">{problem}</p>
            <button type="button" className="govuk-button govuk-button--secondary" onClick={clearProblem}>
              Dismiss
            </button>
          </div>
        </div>
      ) : null}
      <div className="review-tool__bar">
        {canMark ? (
          <>
            <div className="review-tool__tools" role="toolbar" aria-label="Mark-up tools">
              {TOOLS.map(({ tool: t, label }) => (
                <button
                  key={t}
                  type="button"
                  className={`govuk-button govuk-button--secondary review-tool__tool${tool === t ? ' review-tool__tool--on' : ''}`}
                  aria-pressed={tool === t}
                  onClick={() => {
                    setTool(t);
                    setNotice(null);
                  }}
                >
                  {label}
                </button>
              ))}
            </div>
            <fieldset className="review-tool__selection">
              <legend className="govuk-visually-hidden">With the selected text</legend>
              {/* mousedown is held back so pressing a button keeps the text selected. */}
              <button
                type="button"
                className="govuk-button govuk-button--warning"
                onMouseDown={(e) => e.preventDefault()}
                onClick={redactSelected}
              >
                Redact selected text
              </button>
              <button
                type="button"
                className="govuk-button govuk-button--secondary"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => {
                  if (!highlightSelected()) {
                    const chosen = lastSelection.current;
                    lastSelection.current = null;
                    if (chosen) void create(highlightSelection(chosen, documentSha, newMarkId));
                    else setNotice('Select some text in the document first.');
                  }
                }}
              >
                Highlight selected text
              </button>
              <button
                type="button"
                className="govuk-button govuk-button--secondary"
                onMouseDown={(e) => e.preventDefault()}
                onClick={commentOnSelected}
              >
                Comment on selected text
              </button>
            </fieldset>
          </>
        ) : (
          <p className="govuk-inset-text">Marks cannot be added to this case now.</p>
        )}
        <ZoomControls scale={scale} onScaleChange={setScale} fitWidth={() => viewer.current?.fitWidth()} />
        <PageJump
          page={currentPage}
          pageCount={pdf.numPages}
          onJump={(page) => viewer.current?.scrollToPage(page)}
        />
      </div>
      {canMark ? (
        <p className="govuk-body-s review-tool__hint" aria-live="polite">
          {notice ?? TOOL_HINTS[tool]}
          {movable && !notice ? ` ${MOVE_HINT}` : null}
          {tool === 'comment' || tool === 'area' ? (
            <button
              type="button"
              className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-left-2"
              onClick={() => void wholePage(tool === 'area' ? 'redact' : 'comment')}
            >
              {tool === 'area' ? `Redact the whole of page ${currentPage}` : `Comment on page ${currentPage}`}
            </button>
          ) : null}
        </p>
      ) : null}
      <div className="review-tool__layout">
        <div className="review-tool__document">
          <OverlayContext.Provider value={overlay}>
            <DocumentViewer
              ref={viewer}
              pdf={pdf}
              scale={scale}
              onScaleChange={setScale}
              renderOverlay={renderOverlay}
              hits={hits}
              currentHit={currentHit}
              onVisiblePageChange={setCurrentPage}
              isDrawing={isDrawingTool(tool)}
            />
          </OverlayContext.Provider>
        </div>
        <div className="review-tool__side">
          {composer ? (
            <CommentComposer
              key={`${composer.page}:${composer.rects[0]?.x}:${composer.rects[0]?.y}`}
              anchor={composer}
              onCancel={() => setComposer(null)}
              onSave={async (text) => {
                const id = newMarkId();
                const isSent = await create([comment(composer, text, documentSha, id)]);
                if (isSent) {
                  setComposer(null);
                  setSelectedId(id);
                }
                return isSent;
              }}
            />
          ) : null}
          {selected && !composer ? (
            <SelectedMark
              key={selected.id}
              mark={selected}
              marks={marks}
              nameOf={nameOf}
              actions={{
                reply: (parent, text) => send([reply(parent, text, newMarkId())]),
                resolve: (mark) =>
                  send([{ type: 'annotation.resolved', payload: { annotationId: mark.id } }]),
                changeText: (mark, text) => edit(mark, { text }),
                remove: async (mark) => {
                  const isSent = await send([
                    { type: 'annotation.deleted', payload: { annotationId: mark.id } },
                  ]);
                  if (isSent) setSelectedId(null);
                  return isSent;
                },
                close: () => setSelectedId(null),
              }}
            />
          ) : null}
          {canMark ? (
            <RedactionDetails
              exemptions={exemptions}
              exemption={defaults.exemption}
              note={defaults.note}
              selected={selected?.kind === 'redaction' ? selected : null}
              onDefaultsChange={changeDefaults}
              onEdit={(change) => selected && void edit(selected, change)}
            />
          ) : null}
          <SearchPanel
            search={search.search}
            hits={hits}
            currentHit={currentHit}
            onHits={(next) => {
              setHits(next);
              setCurrentHit(0);
            }}
            onCurrentHit={setCurrentHit}
            onRedactAll={(all) =>
              void create(redactFindings(all, 'search', documentSha, defaults, newMarkId))
            }
          />
          {canMark ? (
            <SuggestionsPanel
              suggestions={suggestions}
              onShow={(s) => show(s.finding.page, s.finding)}
              onAccept={(chosen) =>
                void create(
                  chosen.flatMap((s) =>
                    redactFindings(
                      [s.finding],
                      s.kind,
                      documentSha,
                      // A third party's name goes under the personal-information exemption.
                      s.exemption ? { ...defaults, exemption: s.exemption } : defaults,
                      newMarkId,
                    ),
                  ),
                )
              }
            />
          ) : null}
          <MarksList
            marks={marks}
            nameOf={nameOf}
            selectedId={selectedId}
            canDecide={canDecide}
            onSelect={selectMark}
            decisions={{
              agree: (list) =>
                send(list.map((m) => ({ type: 'redaction.agreed', payload: { redactionId: m.id } }))),
              reject: (mark, reason) =>
                send([{ type: 'redaction.rejected', payload: { redactionId: mark.id, reason } }]),
            }}
          />
          <ShareAndApply
            reference={state.reference}
            documentName={props.documentName}
            bytes={props.bytes}
            marks={marks}
            agreed={agreed}
            names={props.names}
            canRelease={props.allowed.has('document.redacted_copy_added')}
            release={release}
          />
          <details className="govuk-details">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">Pages</span>
            </summary>
            <div className="govuk-details__text">
              <Thumbnails
                pdf={pdf}
                currentPage={currentPage}
                onSelect={(page) => viewer.current?.scrollToPage(page)}
              />
            </div>
          </details>
        </div>
      </div>
    </div>
  );
}
