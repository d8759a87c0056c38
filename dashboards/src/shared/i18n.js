// Chinese words for the API's values, and ProblemDetails turned into Chinese for people.

export const STATE = {
  Received: '已受理', Forwarded: '已转办', Accepted: '已签收', InProgress: '办理中', Replied: '已回复',
  Closed: '已办结', Rated: '已评价', Returned: '已退回', Reopened: '重办', Merged: '已合并',
};

export const ACTION = {
  Open: '受理', Forward: '转办', Accept: '签收', Start: '开始办理', Reply: '回复', Close: '办结', Rate: '评价',
  Return: '退回', RequestExtension: '申请延期', ApproveExtension: '批准延期', RejectExtension: '驳回延期', Reopen: '重办',
  Merge: '合并', AbsorbDuplicate: '并入重复件', Supervise: '督办', Reassign: '改派', AttachPost: '追加帖子',
  Recategorize: '改类', LinkIncident: '关联事件',
};

export const ACTIVITY = {
  viewing: '正在查看', accepting: '正在签收', replying: '正在回复', forwarding: '正在转办', returning: '正在退回',
  extending: '正在申请延期', closing: '正在办结',
};

export const SLA = { Ok: '正常', Warning: '临期', Breached: '超期', None: '—' };

export const URGENCY = { Normal: '一般', Urgent: '紧急', Critical: '特急（危及生命）' };

export const SENTIMENT = { pos: '正面', neg: '负面', neu: '中性', Positive: '正面', Negative: '负面', Neutral: '中性' };

export const ROLE = { admin: '管理员', supervisor: '督办', officer: '办件', broadcaster: '应急广播', citizen: '市民', connector: '接入' };

/** CAP severity ↔ China's four warning colours. */
export const LEVELS = [
  { colour: '红', name: '红色', severity: 'Extreme', css: 'red' },
  { colour: '橙', name: '橙色', severity: 'Severe', css: 'orange' },
  { colour: '黄', name: '黄色', severity: 'Moderate', css: 'yellow' },
  { colour: '蓝', name: '蓝色', severity: 'Minor', css: 'blue' },
];

export function levelOf(severity) {
  return LEVELS.find((l) => l.severity === severity || l.colour === severity) ?? { colour: '', name: '', severity, css: 'blue' };
}

const FIELD = {
  text: '内容', reason: '原因', note: '说明', until: '延期至', deadline: '办理期限', toAccountId: '转办单位',
  actingAccountId: '代表单位', caseId: '案件', state: '案件状态', approve: '审批结果', username: '用户名', password: '密码',
  category: '类别', topic: '主题', solved: '是否解决', satisfied: '是否满意', comment: '评价意见', level: '督办级别',
  accountId: '单位', account: '发布单位', identifier: '预警编号', scope: '范围', limit: '条数', location: '位置',
  'author.id': '作者', postId: '帖子编号', platform: '平台', createdAt: '发帖时间', user: '用户',
};

// The server's English refusals, by pattern, in Chinese. Unknown ones fall back to the status and the field.
const MESSAGES = [
  [/^Wrong user name or password/, '用户名或密码错误。'],
  [/^(\w+) is required\.?$/, (m) => `请填写${FIELD[m[1]] ?? m[1]}。`],
  [/^A public reply needs text/, '回复内容不能为空。'],
  [/^The reply is longer than (\d+)/, (m) => `回复内容超过 ${m[1]} 字。`],
  [/^A return needs the reason/, '退回须说明原因（为何不属本单位办理）。'],
  [/^The case was never forwarded/, '该案件从未转办，不能退回。'],
  [/^An extension request needs a reason/, '申请延期须说明原因。'],
  [/^An extension must be requested before the deadline/, '须在办理期限届满前申请延期。'],
  [/^The new deadline must be later/, '延期后的期限须晚于当前期限。'],
  [/^An extension request is already waiting/, '已有延期申请待审批。'],
  [/^No extension request is waiting/, '没有待审批的延期申请。'],
  [/^Only a unit supervising the case holder may decide/, '只有承办单位的上级单位可以审批延期。'],
  [/^Forwarding a case onward needs a reason/, '再次转办须说明原因。'],
  [/^The case is already with that unit/, '案件已在该单位。'],
  [/^The deadline must be in the future/, '办理期限须晚于当前时间。'],
  [/^Only the unit holding the case \(([^)]*)\) may do this/, '只有承办单位才能进行此操作。'],
  [/^Only the unit holding the case or one supervising it/, '只有承办单位或其上级单位才能进行此操作。'],
  [/^Only the citizen who raised the case/, '只有提出诉求的市民本人才能进行此操作。'],
  [/^Cannot ([\w ]+) a case that is (\w+)/, (m) => `案件当前为“${STATE[m[2]] ?? m[2]}”，不能进行此操作。`],
  [/^A case can be reopened only within 7 days/, '办结 7 天内才能申请重办。'],
  [/^Reopening needs the reason/, '申请重办须说明原因。'],
  [/^No account '([^']*)'/, (m) => `单位“${m[1]}”不存在。`],
  [/^Account '([^']*)' is deactivated/, (m) => `单位“${m[1]}”已停用。`],
  [/^You do not work for account/, '您不属于该单位，不能代表其操作。'],
  [/^Name the account you act for/, '请选择代表哪个单位操作。'],
  [/^This case is outside your accounts/, '该案件不在您单位的办理范围内。'],
  [/^Someone else changed this at the same moment/, '他人同时修改了此案件，请刷新后重试。'],
  [/outside the jurisdiction/, '所选区域超出本单位的管辖范围。'],
  [/^Only broadcaster users may send alerts/, '只有应急广播人员可以发布预警。'],
  [/^Give the area/, '请圈定预警区域（圆形、多边形或行政区）。'],
  [/^The text is longer than/, '内容过长。'],
  [/^text: The text is empty/, '内容不能为空。'],
];

function translate(message) {
  if (!message) return null;
  for (const [pattern, chinese] of MESSAGES) {
    const m = message.match(pattern);
    if (m) return typeof chinese === 'function' ? chinese(m) : chinese;
  }
  return null;
}

const STATUS = {
  400: '输入有误', 401: '请先登录', 403: '无权操作', 404: '未找到', 409: '当前状态不允许此操作', 413: '内容过大',
  429: '请求过于频繁', 500: '服务器出错', 503: '服务暂不可用',
};

/** One line of Chinese for a refused request: what is wrong, and with which field. */
export function problemText(status, problem) {
  const head = STATUS[status] ?? `请求失败（${status}）`;
  if (!problem) return head;
  const lines = [];
  const errors = problem.errors && typeof problem.errors === 'object' ? problem.errors : {};
  for (const [field, messages] of Object.entries(errors)) {
    for (const message of [].concat(messages)) {
      const chinese = translate(message);
      const name = FIELD[field] ?? FIELD[field.split('.').pop()] ?? field;
      lines.push(chinese ?? `${name}：${message}`);
    }
  }
  if (lines.length === 0) {
    const chinese = translate(problem.detail) ?? translate(problem.title);
    if (chinese) lines.push(chinese);
  }
  const unique = [...new Set(lines)];
  return unique.length ? `${head}：${unique.join(' ')}` : head;
}
