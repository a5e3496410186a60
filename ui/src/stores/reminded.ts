// Whether the reminder of due steps was shown in this run of the app: once per start, not at
// every return to the home screen.
let shown = false

/** True from the second call on; the first call (the start's) marks the reminder as shown. */
export function remindedThisRun(): boolean {
  const was = shown
  shown = true
  return was
}
