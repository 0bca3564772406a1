export const SESSION_COOKIE = 'staff_ui_session';
