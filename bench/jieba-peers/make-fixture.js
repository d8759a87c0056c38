'use strict';
// Writes the parity oracle committed at tests/Nlp.Tests/Fixtures/segmentation/oracle.jsonl:
// for every line of complaints_*.txt plus a few constructed edge cases, @node-rs/jieba's cut with
// HMM and without, on jieba's own dictionary; then the same lines again after loading user words.
// usage: node make-fixture.js   (from bench/jieba-peers, after npm install)
const fs = require('fs');
const path = require('path');
const { Jieba, TfIdf } = require('@node-rs/jieba');
const { dict, idf } = require('@node-rs/jieba/dict');

const dir = path.join(__dirname, '..', '..', 'tests', 'Nlp.Tests', 'Fixtures', 'segmentation');
const read = (f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.length > 0);
const texts = [...read('complaints_handwritten.txt'), ...read('complaints_generated.txt')];
const keywordTexts = texts.slice(0, 120);

// Edge cases a text file cannot hold or that need constructing.
const longLine = '兴庆区凤凰北街暖气不热，供热公司一直不处理😡，@问政银川 #问政银川# https://t.cn/A6xyz 占道经营3次！'.repeat(120);
texts.push('', ' ', '\t', 'a\r\nb', '第一行\r\n第二行\n第三行', '多个   空格　全角空格', '👨‍👩‍👧家庭👍🏻点赞🇨🇳国旗', '𠀀𠀁𪚥扩展字', '\u0000控制\u0007字符', longLine);

// User words as jieba user-dictionary lines (word freq tag); JiebaSegmenter.AddWord must give the same cuts.
const userWords = ['暖气不热 2000 n', '占道经营 2000 n', '问政银川 1000 nt', '凤凰北街 1000 ns', '供热公司 1000 nt', '噪音扰民 1500 n'];
const base = Jieba.withDict(dict);
const withUser = Jieba.withDict(dict);
withUser.loadDict(Buffer.from(userWords.join('\n') + '\n'));

const out = [];
for (const text of texts) {
  out.push(JSON.stringify({ text, hmm: base.cut(text, true), noHmm: base.cut(text, false), userHmm: withUser.cut(text, true) }));
}
fs.writeFileSync(path.join(dir, 'oracle.jsonl'), out.join('\n') + '\n');
fs.writeFileSync(path.join(dir, 'oracle_user_words.txt'), userWords.join('\n') + '\n');
// TF-IDF keywords as jieba-rs ranks them, HMM on (Python jieba's extract_tags setting). @node-rs/jieba 2.0.3
// cannot take custom stop words (setConfig fails to convert stopWords), so this oracle uses jieba-rs's
// DEFAULT_STOP_WORDS; the test gives our extractor that same list.
const tfidf = TfIdf.withDict(idf);
tfidf.setConfig({ minKeywordLength: 2, useHmm: true });
const kw = keywordTexts.map((text) => JSON.stringify({ text, keywords: tfidf.extractKeywords(base, text, 5).map((k) => [k.keyword, k.weight]) }));
fs.writeFileSync(path.join(dir, 'keywords_oracle.jsonl'), kw.join('\n') + '\n');
console.log(`wrote ${out.length} oracle lines to ${dir}`);
