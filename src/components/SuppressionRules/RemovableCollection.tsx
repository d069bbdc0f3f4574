/**
 * The one component behind SuppressionRules and BlockList: controlled state
 * and search, the shell, a table of the loaded items with one removal button
 * per row, its confirmation, the announcement of what was removed, and focus
 * after the dialog closes. Each list supplies its hook, messages and row.
 */
import { clsx } from 'clsx';
import { forwardRef, useRef, useState, type HTMLAttributes, type ReactNode } from 'react';
import type { CollectionState } from '../../core/adapter';
import type { AdapterError } from '../../core/errors';
import type { MessageKey } from '../../i18n/en';
import type { MessageValues } from '../../i18n/formatMessage';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import type { CollectionPagesState } from '../../hooks/useCollectionPages';
import { useControllableState } from '../../hooks/useControllableState';
import type { GuardedMutation } from '../../hooks/useGuardedMutation';
import { CollectionShell, collectionStatus } from './CollectionShell';
import { ConfirmRemovalDialog } from './ConfirmRemovalDialog';

/** The props every removable collection shares (SuppressionRules, BlockList). */
export interface CollectionProps extends Omit<HTMLAttributes<HTMLElement>, 'defaultValue' | 'onChange' | 'onError'> {
  /** Active or expired items; controlled. */
  state?: CollectionState;
  defaultState?: CollectionState;
  onStateChange?: (state: CollectionState) => void;
  /** The committed search; controlled. */
  search?: string;
  defaultSearch?: string;
  onSearchChange?: (search: string) => void;
  /** Items per adapter page (default 50). */
  pageSize?: number;
  /** A removal failed (the dialog also says why). */
  onError?: (error: AdapterError) => void;
}

/** What a list's hook gives the component, under one set of names. */
export interface RemovableItems<T> extends CollectionPagesState<T> {
  supported: boolean;
  canRemove: boolean;
  write: Pick<GuardedMutation<void, never>, 'status' | 'error' | 'reset'>;
  remove: (item: T) => void;
}

export interface RowProps<T, P> {
  item: T;
  now: number;
  showRemove: boolean;
  /** The row's removal button, already labelled and wired. */
  removeButton: ReactNode;
  props: P;
}

export interface CollectionConfig<T, P extends CollectionProps> {
  name: string;
  /** Message prefix of the list ('rules' → 'rules.label', 'rules.tabs.label', …). */
  p: 'rules' | 'blocks';
  /** Message prefix of the removal ('rules.delete' → its button, 'rules.delete.title', …). */
  r: 'rules.delete' | 'blocks.unblock';
  slot: string;
  /** `data-slot` of each row's removal button; its dialog is `${button}-dialog`. */
  button: string;
  unavailable: string;
  /** Column id, its header, `true` for end-aligned. */
  columns: ReadonlyArray<readonly [string, MessageKey, true?]>;
  /** Props that are not attributes of the section. */
  own: readonly (keyof P)[];
  id: (item: T) => string;
  useItems: (options: { state: CollectionState; search: string; pageSize: number; onRemoved: (id: string) => void; onRemoveError?: (error: AdapterError) => void }) => RemovableItems<T>;
  onRemoved: (props: P, id: string) => void;
  /** Values of the row button's label, the dialog's description and the announcement. */
  values: (item: T) => MessageValues;
  /** The announcement once removed, with `values`. */
  announce: MessageKey;
  showRemove: (canRemove: boolean, state: CollectionState) => boolean;
  Row: (props: RowProps<T, P>) => ReactNode;
}

export function createRemovableCollection<T, P extends CollectionProps>(config: CollectionConfig<T, P>) {
  const { p, r, button, Row } = config;
  const messages = {
    tabsLabel: `${p}.tabs.label`,
    searchLabel: `${p}.search.label`,
    searchPlaceholder: `${p}.search.placeholder`,
    caption: { active: `${p}.caption.active`, expired: `${p}.caption.expired` },
    shown: `${p}.shown`,
    empty: { active: `${p}.empty.active`, expired: `${p}.empty.expired` },
    emptySearch: `${p}.empty.search`,
    errorTitle: `${p}.error.title`,
    partialTitle: `${p}.partial.title`,
  } as const;

  const Collection = forwardRef<HTMLElement, P>(function Collection(input, ref) {
    // forwardRef strips `ref` from the props' type only; these are the caller's props.
    const props = input as P;
    const { state: stateProp, defaultState = 'active', onStateChange, search: searchProp, defaultSearch = '', onSearchChange, pageSize = 50, onError, className, ...others } = props;
    const rest: Record<string, unknown> = { ...others };
    for (const key of config.own) delete rest[key as string];
    const { t, now } = useThreatDeck();
    const [state, setState] = useControllableState<CollectionState>({ value: stateProp, defaultValue: defaultState, onValueChange: onStateChange, name: `${config.name}.state` });
    const [search, setSearch] = useControllableState<string>({ value: searchProp, defaultValue: defaultSearch, onValueChange: onSearchChange, name: `${config.name}.search` });
    const [target, setTarget] = useState<T | null>(null);
    const [announcement, setAnnouncement] = useState<string | null>(null);
    const tableRef = useRef<HTMLTableElement>(null);
    const searchRef = useRef<HTMLInputElement>(null);
    const trigger = useRef<HTMLElement | null>(null);
    const removed = useRef(false);
    // Where the confirmed row was, for focus after it is gone (the dialog closes after `target` is cleared).
    const rowIndex = useRef(0);
    const targetRef = useRef(target);
    targetRef.current = target;

    const items = config.useItems({
      state,
      search,
      pageSize,
      onRemoved: (id) => {
        removed.current = true;
        const gone = targetRef.current;
        setAnnouncement(gone && config.id(gone) === id ? t(config.announce, config.values(gone)) : null);
        setTarget(null);
        config.onRemoved(props, id);
      },
      ...(onError ? { onRemoveError: (error: AdapterError) => onError(error) } : {}),
    });
    const status = collectionStatus(items, items.supported);
    const showRemove = config.showRemove(items.canRemove, state);

    const restoreFocus = (event: Event) => {
      event.preventDefault();
      if (removed.current) {
        // The row is gone: its successor's button (or the last row's) takes focus, else the search box.
        const buttons = tableRef.current?.querySelectorAll<HTMLElement>(`[data-slot="${button}"]`);
        const next = buttons && buttons.length > 0 ? buttons[Math.min(rowIndex.current, buttons.length - 1)] : null;
        (next ?? searchRef.current)?.focus();
      } else if (trigger.current?.isConnected) trigger.current.focus();
      else searchRef.current?.focus();
    };

    const removal = (key: 'title' | 'description' | 'submit' | 'pending' | 'failed' | 'unknown' | 'checking', values?: MessageValues) => t(`${r}.${key}`, values);
    return (
      <section
        ref={ref}
        aria-label={t(`${p}.label`)}
        data-slot={config.slot}
        data-state={state}
        data-status={status}
        className={clsx('td-collection', `td-${p}`, className)}
        {...rest}
      >
        {status === 'unsupported' ? (
          <p className="td-alert" data-slot="collection-unsupported">
            {t(`${p}.unsupported`)}
          </p>
        ) : (
          <CollectionShell
            messages={messages}
            state={state}
            onStateChange={(next) => {
              setAnnouncement(null);
              setState(next);
            }}
            search={search}
            onSearchChange={setSearch}
            pages={items}
            status={status}
            searchRef={searchRef}
            notes={
              <>
                {!items.canRemove ? (
                  <p className="td-action-note" data-slot={config.unavailable}>
                    {t(`${r}Unavailable`)}
                  </p>
                ) : null}
                <p role="status" data-slot="collection-announcement" className="td-collection-announcement">
                  {announcement}
                </p>
              </>
            }
            renderTable={(list, caption) => (
              <table ref={tableRef} data-slot={`${p}-table`} className="td-collection-table">
                <caption className="td-visually-hidden">{caption}</caption>
                <thead data-slot="table-head">
                  <tr>
                    {config.columns.map(([column, label, end]) => (
                      <th key={column} scope="col" data-slot="column-header" data-column={column} data-align={end ? 'end' : undefined}>
                        {t(label)}
                      </th>
                    ))}
                    {showRemove ? (
                      <th scope="col" data-slot="column-header" data-column="actions">
                        <span className="td-visually-hidden">{t(`${p}.column.actions`)}</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody data-slot="table-body">
                  {list.map((item, index) => (
                    <Row
                      key={config.id(item)}
                      item={item}
                      now={now()}
                      showRemove={showRemove}
                      props={props}
                      removeButton={
                        <button
                          type="button"
                          className="td-button"
                          data-variant="ghost"
                          data-slot={button}
                          aria-label={t(`${r}Label`, config.values(item))}
                          onClick={(e) => {
                            trigger.current = e.currentTarget;
                            rowIndex.current = index;
                            removed.current = false;
                            items.write.reset();
                            setAnnouncement(null);
                            setTarget(item);
                          }}
                        >
                          {t(r)}
                        </button>
                      }
                    />
                  ))}
                </tbody>
              </table>
            )}
          />
        )}
        <ConfirmRemovalDialog
          open={!!target}
          onOpenChange={(next) => {
            if (!next) setTarget(null);
          }}
          onConfirm={() => {
            if (target) items.remove(target);
          }}
          title={removal('title')}
          description={target ? removal('description', config.values(target)) : ''}
          submitLabel={removal('submit')}
          pendingLabel={removal('pending')}
          status={items.write.status}
          error={items.write.error}
          failedText={removal('failed')}
          unknownText={removal('unknown')}
          checkingText={removal('checking')}
          slot={`${button}-dialog`}
          onCloseAutoFocus={restoreFocus}
        />
      </section>
    );
  });
  Collection.displayName = config.name;
  return Collection;
}
