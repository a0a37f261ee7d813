using System.Security.Cryptography;

namespace Platform.Tickets.Issuance;

/// <summary>
/// Ticket numbers people can read out: 10 Crockford base32 characters (no I, L, O, U) in two groups, e.g. 7KQ2M-XH94C.
/// Random (50 bits), so they reveal nothing about sales volume; a unique index per tenant backs them.
/// </summary>
public static class TicketNumbers
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New()
    {
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        Span<char> text = stackalloc char[11];
        for (int i = 0, j = 0; i < 10; i++, j++)
        {
            if (i == 5)
            {
                text[j++] = '-';
            }

            text[j] = Alphabet[random[i] & 31];
        }

        return new string(text);
    }
}
