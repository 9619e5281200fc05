// SPDX-License-Identifier: MIT
#include <cascadeclip/AtomicFile.h>
#include <cascadeclip/Error.h>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>
#include <vector>

namespace cascadeclip {

namespace {

[[noreturn]] void failIo(const std::string& path, const std::string& step, int err)
{
    // std::strerror is not thread-safe; the system category gives the same text without shared state.
    throw Error(ErrorCode::Io, path + ": " + step + ": " + std::system_category().message(err));
}

std::string folderOf(const std::string& path)
{
    const auto slash = path.find_last_of('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

// Closes the descriptor and removes the temporary file unless commit() was reached.
class TempFile {
public:
    TempFile(std::string name, int fd)
        : m_name(std::move(name))
        , m_fd(fd)
    {
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    ~TempFile()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        if (!m_committed)
            ::unlink(m_name.c_str());
    }
    int fd() const { return m_fd; }
    const std::string& name() const { return m_name; }
    int close()
    {
        const int rc = ::close(m_fd);
        m_fd = -1;
        return rc;
    }
    void commit() { m_committed = true; }

private:
    std::string m_name;
    int m_fd;
    bool m_committed = false;
};

} // namespace

void writeFileAtomically(const std::string& path, std::string_view bytes)
{
    if (path.empty())
        throw Error(ErrorCode::Io, "writeFileAtomically: empty path");
    // mkstemp needs a writable template; the dot prefix keeps the temporary out of casual listings.
    const std::string folder = folderOf(path);
    const std::string base = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
    std::string pattern = folder + "/." + base + ".tmp-XXXXXX";
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    const int fd = ::mkstemp(name.data());
    if (fd < 0)
        failIo(path, "cannot create a temporary file in " + folder, errno);
    TempFile temp(name.data(), fd);

    struct stat existing { };
    const mode_t mode = ::stat(path.c_str(), &existing) == 0 ? (existing.st_mode & 07777) : 0644;
    if (::fchmod(temp.fd(), mode) != 0)
        failIo(path, "cannot set the mode of " + temp.name(), errno);

    size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(temp.fd(), bytes.data() + written, bytes.size() - written);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            failIo(path, "cannot write " + temp.name(), errno);
        }
        written += static_cast<size_t>(n);
    }
    if (::fsync(temp.fd()) != 0)
        failIo(path, "cannot flush " + temp.name(), errno);
    if (temp.close() != 0)
        failIo(path, "cannot close " + temp.name(), errno);
    if (::rename(temp.name().c_str(), path.c_str()) != 0)
        failIo(path, "cannot replace the file", errno);
    temp.commit();
    // Persist the rename itself; without this a power loss can bring the old directory entry back.
    const int dirFd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
}

std::string readFileBytes(const std::string& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        failIo(path, "cannot open", errno);
    std::string out;
    char buffer[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const int err = errno;
            ::close(fd);
            failIo(path, "cannot read", err);
        }
        if (n == 0)
            break;
        out.append(buffer, static_cast<size_t>(n));
    }
    ::close(fd);
    return out;
}

} // namespace cascadeclip
