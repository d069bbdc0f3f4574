/**
 * ThreatActivityView: the assembled console. FilterBar over ThreatActivityList,
 * the drilldown beside it in a resizable side panel (a route-like swap on
 * narrow containers), actions in the drilldown header. The query and the open
 * activity (and its tab) are controllable so a host can keep them in its URL
 * (viewUrlState.ts); every part can be replaced through `slots`. Keyboard:
 * a skip link to the list first, the drilldown's shortcuts (j / k, 1–4, r, i,
 * b, w, ?, Esc: DRILLDOWN_SHORTCUTS), focus back on the open row on close. A view switch above
 * it leads to the same query pivoted by actor (ThreatActors, under the same FilterBar; an activity
 * opened from an actor opens in the activity drilldown) and, when the backend lists suppression
 * rules or blocks, to SuppressionRules and BlockList.
 */
import { clsx } from 'clsx';
import { forwardRef, useId, useRef } from 'react';
import type { Activity } from '../../core/model';
import { defaultQuery as makeDefaultQuery, type ActivityQuery } from '../../core/query';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { useActivityDetail } from '../../hooks/useActivityDetail';
import { useActivityList } from '../../hooks/useActivityList';
import { useCapabilities } from '../../hooks/useCapabilities';
import { BlockList } from '../BlockList';
import { useControllableState } from '../../hooks/useControllableState';
import { BlockIpButton } from '../BlockIpButton';
import { CreateWorkItem } from '../CreateWorkItem';
import { EventActions } from '../EventActions';
import { FilterBar } from '../FilterBar';
import { ThreatActivityList } from '../ThreatActivityList';
import { ThreatActors } from '../ThreatActors';
import { SuppressionRules } from '../SuppressionRules';
import { AssigneeControl } from '../Cases/AssigneeControl';
import { ThreatDrilldown, type DrilldownTab } from '../ThreatDrilldown';
import { PanelResizer } from './PanelResizer';
import { THREAT_ACTIVITY_VIEWS, type ThreatActivityViewName, type ThreatActivityViewProps, type ThreatActivityViewSlotProps } from './threatActivityViewProps';
import { useDrilldownFlow } from './useDrilldownFlow';
import { ViewDrilldownPanel } from './ViewDrilldownPanel';
import { ViewSwitch } from './ViewSwitch';

const MIN_PANEL = 360;
const MAX_PANEL = 1100;

export const ThreatActivityView = forwardRef<HTMLDivElement, ThreatActivityViewProps>(function ThreatActivityView(
  {
    query: queryProp,
    defaultQuery,
    onQueryChange,
    openActivityId: openProp,
    defaultOpenActivityId = null,
    onOpenActivityChange,
    tab,
    defaultTab,
    onTabChange,
    advanceAfterTriage = true,
    ownAddresses,
    slots = {},
    selection,
    defaultSelection,
    onSelectionChange,
    panelWidth: panelWidthProp,
    defaultPanelWidth = 560,
    onPanelWidthChange,
    view: viewProp,
    defaultView = 'activities',
    onViewChange,
    openActorIp: openActorProp,
    defaultOpenActorIp = null,
    onOpenActorIpChange,
    triageSlaMs,
    statusReasons,
    requireReason,
    currentUserId,
    className,
    ...rest
  },
  ref,
) {
  const { t } = useThreatDeck();
  const capabilities = useCapabilities();
  const [chosenView, setView] = useControllableState<ThreatActivityViewName>({
    value: viewProp,
    defaultValue: defaultView,
    onValueChange: onViewChange,
    name: 'ThreatActivityView.view',
  });
  const views = THREAT_ACTIVITY_VIEWS.filter(
    (v) => v === 'activities' || v === 'actors' || (v === 'suppression-rules' ? capabilities.suppressionRuleList : capabilities.blockList),
  );
  const view: ThreatActivityViewName = views.includes(chosenView) ? chosenView : 'activities';
  const [query, setQuery] = useControllableState<ActivityQuery>({
    value: queryProp,
    defaultValue: defaultQuery ?? makeDefaultQuery(),
    onValueChange: onQueryChange,
  });
  const [openId, setOpenId] = useControllableState<string | null>({
    value: openProp,
    defaultValue: defaultOpenActivityId,
    onValueChange: onOpenActivityChange,
  });
  const [openActorIp, setOpenActorIp] = useControllableState<string | null>({
    value: openActorProp,
    defaultValue: defaultOpenActorIp,
    onValueChange: onOpenActorIpChange,
    name: 'ThreatActivityView.openActorIp',
  });
  const [activeTab, setActiveTab] = useControllableState<DrilldownTab>({
    value: tab,
    defaultValue: defaultTab ?? 'overview',
    onValueChange: onTabChange,
    name: 'ThreatActivityView.tab',
  });
  const [chosenWidth, setPanelWidth] = useControllableState<number>({
    value: panelWidthProp,
    defaultValue: defaultPanelWidth,
    onValueChange: onPanelWidthChange,
    name: 'ThreatActivityView.panelWidth',
  });
  // A host's width is kept within what the splitter allows.
  const panelWidth = Math.min(MAX_PANEL, Math.max(MIN_PANEL, chosenWidth));
  const drilldownRef = useRef<HTMLElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const listId = useId();

  // Same query and page size as the list, so this reads the list's cache.
  const list = useActivityList(query, { enabled: view === 'activities' });
  const detail = useActivityDetail(openId);
  const flow = useDrilldownFlow({
    list,
    openId,
    setOpenId,
    listStatus: query.status,
    advanceAfterTriage,
    listRef,
    drilldownRef,
  });
  const openActivity = flow.open;

  const slotProps: ThreatActivityViewSlotProps = {
    query,
    onQueryChange: setQuery,
    openActivityId: openId,
    onOpenActivityChange: (id) => openActivity(id, { focus: true }),
  };

  const actionsFor = (activity: Activity) =>
    slots.actions ? (
      slots.actions(activity)
    ) : (
      <>
        <EventActions activity={activity} onStatusChanged={flow.onStatusChanged} statusReasons={statusReasons} requireReason={requireReason} />
        <BlockIpButton activity={activity} {...(ownAddresses ? { ownAddresses } : {})} />
        <CreateWorkItem activity={activity} />
        <AssigneeControl activity={activity} currentUserId={currentUserId} />
      </>
    );
  const actions = detail.data ? actionsFor(detail.data) : null;

  const filterBar = slots.filterBar ? slots.filterBar(slotProps) : <FilterBar query={query} onQueryChange={setQuery} />;
  const layout = (
      // The outer element is the size container; this grid reacts to its width.
      <div className="td-view-layout" data-state={openId ? 'open' : 'closed'}>
      <div data-slot="view-filters" className="td-view-filters">
        {filterBar}
      </div>
      <div ref={listRef} id={listId} data-slot="view-list" className="td-view-list">
        {slots.list ? (
          slots.list(slotProps)
        ) : (
          <ThreatActivityList
            query={query}
            onQueryChange={setQuery}
            openActivityId={openId}
            onOpenActivityChange={(id) => openActivity(id, { focus: true })}
            selection={selection}
            defaultSelection={defaultSelection}
            onSelectionChange={onSelectionChange}
            triageSlaMs={triageSlaMs}
          />
        )}
      </div>
      {openId ? (
        <>
          <PanelResizer
            value={panelWidth}
            min={MIN_PANEL}
            max={MAX_PANEL}
            onValueChange={setPanelWidth}
            label={t('view.resizePanel')}
          />
          <ViewDrilldownPanel
            ref={drilldownRef}
            onClose={flow.close}
            onStep={flow.step}
            hasPrev={flow.hasPrev}
            hasNext={flow.hasNext}
            onTabChange={setActiveTab}
            notice={flow.notice}
            onNotice={flow.setNotice}
          >
            {slots.drilldown ? (
              slots.drilldown({ ...slotProps, activityId: openId, actions, tab: activeTab, onTabChange: setActiveTab })
            ) : (
              <ThreatDrilldown
                key={openId}
                activityId={openId}
                actions={actions}
                {...(statusReasons ? { statusReasons } : {})}
                tab={activeTab}
                onTabChange={setActiveTab}
                // A zoomed timeline can become the list's time filter.
                onApplyTimeRange={(range) => setQuery({ ...query, time: range })}
              />
            )}
          </ViewDrilldownPanel>
        </>
      ) : null}
      </div>
  );

  // An activity chosen in another view (a block's, an actor's) opens in the activity drilldown.
  const openFromBlock = (activityId: string) => {
    setView('activities');
    openActivity(activityId, { focus: true });
  };
  const actorsView = (
    <div className="td-view-actors" data-slot="view-actors">
      <div data-slot="view-filters" className="td-view-filters">
        {filterBar}
      </div>
      {slots.actors ? (
        slots.actors({ ...slotProps, openActorIp, onOpenActorIpChange: setOpenActorIp, onActivityOpen: openFromBlock })
      ) : (
        <ThreatActors
          query={query}
          onQueryChange={setQuery}
          openActorIp={openActorIp}
          onOpenActorIpChange={setOpenActorIp}
          onActivityOpen={openFromBlock}
          {...(ownAddresses ? { ownAddresses } : {})}
        />
      )}
    </div>
  );

  return (
    <div
      ref={ref}
      data-slot="threat-activity-view"
      data-state={openId ? 'open' : 'closed'}
      data-view={view}
      className={clsx('td-view', className)}
      style={{ ['--_td-panel-width' as string]: `${panelWidth}px` }}
      {...rest}
    >
      {view === 'activities' ? (
        // The first tab stop: past the view switch and a dozen filters, straight to the rows.
        <a
          href={`#${listId}`}
          data-slot="view-skip-link"
          className="td-skip-link"
          onClick={(event) => {
            event.preventDefault();
            flow.focusList();
          }}
        >
          {t('view.skipToList')}
        </a>
      ) : null}
      {views.length === 1 ? (
        layout
      ) : (
        <ViewSwitch views={views} view={view} onViewChange={setView}>
          {view === 'activities'
            ? layout
            : view === 'actors'
              ? actorsView
              : view === 'suppression-rules'
                ? slots.suppressionRules
                  ? slots.suppressionRules(slotProps)
                  : <SuppressionRules />
                : slots.blockList
                  ? slots.blockList(slotProps)
                  : <BlockList onActivityOpen={openFromBlock} />}
        </ViewSwitch>
      )}
    </div>
  );
});

