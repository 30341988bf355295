// Administration: the directory of policy areas, teams and people, the template library, and
// people's accounts (roles, teams, passwords, devices).
export { DirectoryPage } from './DirectoryPage';
export { PeoplePage } from './PeoplePage';
export { TemplatesPage } from './TemplatesPage';
