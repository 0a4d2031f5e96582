using Scan.Client;
using Scan.Client.Output;

return await ScanCli.RunAsync(args, ScanConsole.ForProcess());
