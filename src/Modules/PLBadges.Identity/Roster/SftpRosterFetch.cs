using System.Text;
using PLBadges.Abstractions.Outbound;
using PLBadges.Abstractions.Rules;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace PLBadges.Identity.Roster;

/// <summary>What an SFTP fetch needs: the server, its pinned host key, the account and the file.</summary>
public sealed record SftpSource(string Host, int Port, string User, string? Password, string? PrivateKey, string Path, string HostKeyFingerprint);

/// <summary>
/// Fetches a district's roster file from its SFTP drop with SSH.NET. The host is resolved and checked
/// by the outbound address policy, and SSH.NET is given exactly the address checked (a name cannot
/// resolve one way for the check and another for the connection). The server must show the pinned
/// host key (SHA256 fingerprint): any other key ends the connection before the account's credentials
/// are sent.
/// </summary>
public sealed class SftpRosterFetch(OutboundAddressPolicy outbound)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task<byte[]> FetchAsync(SftpSource source, CancellationToken cancellationToken)
    {
        var addresses = await outbound.ResolveAsync(source.Host, cancellationToken);
        Exception? last = null;
        foreach (var address in addresses)
        {
            try
            {
                return await FetchFromAsync(address.ToString(), source, cancellationToken);
            }
            catch (RuleException)
            {
                throw;
            }
            catch (Exception problem) when (problem is SshConnectionException or System.Net.Sockets.SocketException or SshOperationTimeoutException)
            {
                last = problem; // the next address, if the name has another
            }
        }

        throw new RuleException($"The SFTP server {source.Host}:{source.Port} could not be reached ({last?.Message}). Nothing was changed.");
    }

    private static async Task<byte[]> FetchFromAsync(string address, SftpSource source, CancellationToken cancellationToken)
    {
        var methods = new List<AuthenticationMethod>();
        PrivateKeyFile? key = null;
        try
        {
            if (source.PrivateKey != null)
            {
                key = new PrivateKeyFile(new MemoryStream(Encoding.UTF8.GetBytes(source.PrivateKey)));
                methods.Add(new PrivateKeyAuthenticationMethod(source.User, key));
            }

            if (source.Password != null)
            {
                methods.Add(new PasswordAuthenticationMethod(source.User, source.Password));
            }

            var connection = new ConnectionInfo(address, source.Port, source.User, [.. methods]) { Timeout = Timeout };
            using var client = new SftpClient(connection) { OperationTimeout = Timeout };
            string? shown = null;
            client.HostKeyReceived += (_, e) =>
            {
                shown = e.FingerPrintSHA256.TrimEnd('=');
                e.CanTrust = string.Equals(shown, source.HostKeyFingerprint, StringComparison.Ordinal);
            };
            try
            {
                await client.ConnectAsync(cancellationToken);
            }
            catch (SshConnectionException) when (shown != null && shown != source.HostKeyFingerprint)
            {
                throw new RuleException($"The SFTP server {source.Host} showed the host key SHA256:{shown}, not the pinned SHA256:{source.HostKeyFingerprint}. "
                    + "PLBadges did not sign in and nothing was changed. If the server's key was replaced on purpose, enter its new fingerprint.");
            }
            catch (SshAuthenticationException)
            {
                throw new RuleException($"The SFTP server {source.Host} refused the user {source.User} with the key or password saved. Nothing was changed.");
            }

            try
            {
                var attributes = await client.GetAttributesAsync(source.Path, cancellationToken);
                if (attributes.Size > RosterImport.MaxUploadBytes)
                {
                    throw new RuleException($"The file {source.Path} is larger than {RosterImport.MaxUploadBytes / (1024 * 1024)} MB. Nothing was changed.");
                }

                using var buffer = new MemoryStream();
                await using (var remote = await client.OpenAsync(source.Path, FileMode.Open, FileAccess.Read, cancellationToken))
                {
                    var chunk = new byte[81920];
                    int read;
                    while ((read = await remote.ReadAsync(chunk, cancellationToken)) > 0)
                    {
                        if (buffer.Length + read > RosterImport.MaxUploadBytes)
                        {
                            throw new RuleException($"The file {source.Path} is larger than {RosterImport.MaxUploadBytes / (1024 * 1024)} MB. Nothing was changed.");
                        }

                        buffer.Write(chunk, 0, read);
                    }
                }

                return buffer.ToArray();
            }
            catch (SftpPathNotFoundException)
            {
                throw new RuleException($"There is no file {source.Path} on the SFTP server {source.Host}. Nothing was changed.");
            }
            catch (SftpPermissionDeniedException)
            {
                throw new RuleException($"The SFTP account {source.User} may not read {source.Path}. Nothing was changed.");
            }
            finally
            {
                client.Disconnect();
            }
        }
        finally
        {
            key?.Dispose();
        }
    }
}
