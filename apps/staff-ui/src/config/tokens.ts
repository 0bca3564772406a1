export const STAFF_UI_ENV = Symbol('STAFF_UI_ENV');
