// The inbox job: My work (the home page) and All cases.
export { AllCasesPage } from './AllCasesPage';
export { MyWorkPage } from './MyWorkPage';
