'use strict';
// Loads the real jieba implementations with the same dictionary our segmenter ships
// (@node-rs/jieba 2.0.3's dict.txt is byte-identical to src/Nlp/Data/jieba/dict.txt).
const path = require('path');

function loadNodeRs() {
  const { Jieba } = require('@node-rs/jieba');
  const { dict } = require('@node-rs/jieba/dict');
  // `new Jieba()` starts with an EMPTY dictionary in 2.x: always use withDict.
  const jieba = Jieba.withDict(dict);
  return { name: '@node-rs/jieba 2.0.3', cut: (text, hmm) => jieba.cut(text, hmm) };
}

function loadNodejieba() {
  let nodejieba;
  try {
    nodejieba = require('nodejieba');
  } catch (e) {
    return null; // native build missing (see README.md)
  }
  // Same dict.txt as @node-rs/jieba, so both peers segment with the same vocabulary.
  nodejieba.load({ dict: path.join(path.dirname(require.resolve('@node-rs/jieba/dict')), 'dict.txt') });
  return { name: 'nodejieba 3.5.8', cut: (text, hmm) => nodejieba.cut(text, hmm) };
}

module.exports = { loadNodeRs, loadNodejieba };
