using System.Text;
using CityMatrix.Nlp.Cli;

// cm-nlp: one result line per UTF-8 input line. Commands are registered in CommandRegistry.
// Invalid UTF-8 is decoded to U+FFFD rather than failing.
var input = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false, throwOnInvalidBytes: false), false, 1 << 16);
var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
var error = new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true };
var code = CliApp.Run(args, input, output, error);
output.Flush();
return code;
