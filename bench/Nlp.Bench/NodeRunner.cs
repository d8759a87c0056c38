using System.Diagnostics;
using System.Text;

namespace CityMatrix.Nlp.Bench;

/// <summary>Runs a script of bench/jieba-peers under node and returns its stdout.</summary>
internal static class NodeRunner
{
    public static string Run(string script, string arguments, string? stdin = null)
    {
        var peers = BenchArgs.PeersDir;
        if (!Directory.Exists(Path.Combine(peers, "node_modules", "@node-rs", "jieba")))
            throw new InvalidOperationException($"Peers not installed: run `npm install` in {peers} (see its README.md).");
        var psi = new ProcessStartInfo("node", $"{script} {arguments}")
        {
            WorkingDirectory = peers,
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        if (stdin is not null) psi.StandardInputEncoding = new UTF8Encoding(false);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Cannot start node.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"node {script} failed ({process.ExitCode}): {stderr.Result}");
        return stdout.Result;
    }
}
