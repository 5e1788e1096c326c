export * from './inscribe-error';
export { connectionFailure, convertError, sqlStateOf } from './convert';
