import express, { type Request } from "express";
import { storable, storableText } from "../domain/storable.ts";

const parseForm = express.urlencoded({ extended: false, limit: "16kb", parameterLimit: 20 });

/** The public forms' body parser. Fields are made storable as they are parsed, like JSON bodies (see
 *  jsonBody): NUL must not reach PostgreSQL. */
export const storableForm: typeof parseForm = (req, res, next) =>
  parseForm(req, res, (err?: unknown) => {
    const r = req as Request;
    if (!err && r.body) r.body = Object.fromEntries(Object.entries(r.body as Record<string, unknown>).map(([k, v]) => [storableText(k), storable(v)]));
    next(err);
  });
