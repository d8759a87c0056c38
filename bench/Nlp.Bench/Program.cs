using CityMatrix.Nlp.Bench;

// cm-nlp benchmarks and evaluations (never part of the test run).
//   speed      [--file F] [--repeat 10] [--no-hmm]   ours vs @node-rs/jieba vs nodejieba, MB/s and ratio
//   agreement  [--file F] [--no-hmm] [--default]      % of lines token-for-token equal to @node-rs/jieba
//   sighan                                              SIGHAN 2005 PKU F1 via the bakeoff's perl score
//   startup                                             time to build the default segmenter in a fresh process
//   post-analysis [--rounds 5] [--posts 1000]           per-post NLP µs and bytes, old per-model path vs PostNlp
var commands = new Dictionary<string, Func<BenchArgs, int>>(StringComparer.Ordinal)
{
    ["speed"] = SpeedBenchmark.Run,
    ["agreement"] = AgreementEval.Run,
    ["sighan"] = SighanEval.Run,
    ["startup"] = StartupBenchmark.Run,
    ["post-analysis"] = PostAnalysisBenchmark.Run,
};
if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine("usage: Nlp.Bench <" + string.Join("|", commands.Keys) + "> [options]; data from --data DIR or CITYMATRIX_DATA (default /work/shared/data)");
    return 2;
}
try
{
    return command(new BenchArgs(args[1..]));
}
catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"Nlp.Bench {args[0]}: {e.Message}");
    return 1;
}
