/** The id of the default owner created by the first migration; the one owner until accounts exist. */
export const LOCAL_CLIENT_ID = "local";
