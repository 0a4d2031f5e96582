using Scan.Silo;

// scan-silo: a ScanCluster silo process. Every option also reads from the environment (SCAN_REDIS, …) so that a
// Kubernetes manifest can set it from the downward API and Secrets.
return await SiloMain.RunAsync(args);
