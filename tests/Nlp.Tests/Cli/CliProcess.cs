using System.Diagnostics;
using System.Text;

namespace CityMatrix.Nlp.Tests.Cli;

/// <summary>Runs the built cm-nlp as a real process with raw bytes on stdin (what a shell pipe gives it).</summary>
public static class CliProcess
{
    public static (int ExitCode, string Output) Run(byte[] stdin, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "cm-nlp.dll");
        var psi = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        using var process = Process.Start(psi)!;
        process.StandardInput.BaseStream.Write(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit(30_000).ShouldBeTrue();
        return (process.ExitCode, output);
    }

    /// <summary>An invalid byte, 暖气不热, a truncated sequence, then an empty line.</summary>
    public static readonly byte[] InvalidUtf8Lines = [0xFF, .. Encoding.UTF8.GetBytes("暖气不热"), 0xC3, (byte)'\n', (byte)'\n'];
}
