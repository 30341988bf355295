// Administration: the directory of policy areas, teams and people, and the template library.
export { DirectoryPage } from './DirectoryPage';
export { TemplatesPage } from './TemplatesPage';
