/** Strings added with the hand-written timeline axis and the keyboard zoom (the rest of the timeline's are in drilldown.ts). */
export const timelineMessages = {
  'drilldown.timeline.axisUtc': 'UTC',
  'drilldown.timeline.zoomControls': 'Zoom',
  'drilldown.timeline.zoomIn': 'Zoom in',
  'drilldown.timeline.zoomOut': 'Zoom out',
  'drilldown.timeline.colZoom': 'Zoom',
  'drilldown.timeline.zoomToBucket': 'Zoom to bucket',
  'drilldown.timeline.applyRange': 'Use this range as the list filter',
  'drilldown.timeline.zoomToBucketLabel': 'Zoom to bucket starting {time}',
} as const;
