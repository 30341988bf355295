// Changes the server refused: the banner on every page, the page listing them all, and the
// view of a case that is not on this device but has refusals (a case logged offline and refused).
export { NotAcceptedPage } from './NotAcceptedPage';
export { NOT_ACCEPTED_PATH, RefusedBanner } from './RefusedBanner';
export { loggedReference, RefusedChanges } from './RefusedChanges';
