/** ThreatActivityView strings. */
export const viewMessages = {
  'view.resizePanel': 'Resize the activity panel',
  'view.drilldownRegion': 'Activity details',
  'view.activityNavigation': 'Activity navigation',
  'view.backToList': 'Back to list',
  'view.previousActivity': 'Previous activity',
  'view.nextActivity': 'Next activity',
} as const;
