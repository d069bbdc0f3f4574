/**
 * Render benchmark page: AG Grid Community (client-side row model, default
 * settings, its default Quartz theme) over the same 100k activities as the
 * threatdeck page, with the same columns. The host filter is a column filter
 * model on the host column (`equals`), the counterpart of `filters.host`.
 */
import { AllCommunityModule, ModuleRegistry, type ColDef, type GridApi } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { createRoot } from 'react-dom/client';
import { createMemoryAdapter } from '../../src/adapters/memory';
import type { Activity } from '../../src/core/model';
import type { RenderBenchTarget } from './render-target';

ModuleRegistry.registerModules([AllCommunityModule]);

const setupStart = performance.now();
const activities = createMemoryAdapter({ seed: 5, activities: 100_000, live: false }).dataset.activities;
const setupMs = performance.now() - setupStart;

const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const columnDefs: ColDef<Activity>[] = [
  { colId: 'severity', headerName: 'Severity', field: 'severity' },
  { colId: 'endpoint', headerName: 'Endpoint', valueGetter: (p) => (p.data ? `${p.data.endpoint.method} ${p.data.endpoint.path}` : '') },
  { colId: 'host', headerName: 'Host', field: 'endpoint.host', filter: true },
  { colId: 'actor', headerName: 'Actor', valueGetter: (p) => (p.data ? `${p.data.actor.ip} ${p.data.actor.country ?? ''}` : '') },
  { colId: 'policy', headerName: 'Policy', valueGetter: (p) => (p.data ? `${p.data.policy.name} / ${p.data.subcategory}` : '') },
  { colId: 'type', headerName: 'Type', field: 'type' },
  { colId: 'exploit', headerName: 'Successful exploit', field: 'successfulExploit', valueFormatter: (p) => (p.value ? 'Yes' : 'No') },
  { colId: 'attempts', headerName: 'Attempts', field: 'attemptCount' },
  { colId: 'lastSeen', headerName: 'Last seen', field: 'lastSeen', valueFormatter: (p) => (typeof p.value === 'number' ? dateTime.format(p.value) : '') },
];

let api: GridApi<Activity> | null = null;
// AG Grid 36 DOM: rows are `.ag-row` in `.ag-grid-scrolling-container`, the vertical scroller is `.ag-grid-viewport`.
const rowsSelector = '.ag-row';

const target: RenderBenchTarget = {
  name: 'AG Grid Community',
  setupMs,
  activities,
  mount(container) {
    // Same grid height as ThreatActivityList's default (--td-list-height: 560px).
    createRoot(container).render(
      <div style={{ height: 560 }}>
        <AgGridReact<Activity> rowData={activities as Activity[]} columnDefs={columnDefs} onGridReady={(e) => (api = e.api)} />
      </div>,
    );
  },
  setHostFilter(host) {
    api?.setFilterModel({ host: { filterType: 'text', type: 'equals', filter: host } });
  },
  rows: () => document.querySelectorAll(rowsSelector),
  hostCells: () => document.querySelectorAll(`${rowsSelector} .ag-cell[col-id="host"]`),
  scroller: () => document.querySelector<HTMLElement>('.ag-grid-viewport'),
  idle: () => true,
};
window.__renderBench = target;
