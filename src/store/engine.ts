/** The two storage engines Zhipei runs on. */
export type Engine = 'sqlite' | 'postgres';
