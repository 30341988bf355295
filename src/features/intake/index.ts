// Intake: logging a new request at /cases/new, by hand or from an .eml file.
export { LogRequestPage } from './LogRequestPage';
