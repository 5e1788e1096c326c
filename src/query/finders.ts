/**
 * The finders and set-based writes behind Model's statics. Each lives in its own file;
 * this module is the surface `model.ts` calls.
 */
export { findAll, findOne, findByPk } from './find';
export { count } from './aggregate';
export { findOrCreate } from './find-or-create';
export { bulkCreate } from './bulk-create';
export { upsert } from './upsert';
export { updateWhere } from './update-where';
export { destroyWhere } from './destroy-where';
export { incrementWhere } from './increment-where';
