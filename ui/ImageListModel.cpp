// SPDX-License-Identifier: MIT
#include "ui/ImageListModel.h"

#include <QDir>
#include <QImageReader>
#include <QPainter>
#include <QPixmap>

#include <algorithm>

namespace cascadeclip::ui {

namespace {

// "img2" < "img10", case-insensitive. QCollator's numeric mode would do this, but not in the C locale (no ICU
// collation there), which is what tests and many servers run in.
bool naturalLess(const QString& a, const QString& b)
{
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i].isDigit() && b[j].isDigit()) {
            qsizetype ie = i, je = j;
            while (ie < a.size() && a[ie].isDigit())
                ++ie;
            while (je < b.size() && b[je].isDigit())
                ++je;
            // Compare by value: strip leading zeros, then length, then digits.
            QStringView da = QStringView(a).mid(i, ie - i), db = QStringView(b).mid(j, je - j);
            while (da.size() > 1 && da.front() == u'0')
                da = da.mid(1);
            while (db.size() > 1 && db.front() == u'0')
                db = db.mid(1);
            if (da.size() != db.size())
                return da.size() < db.size();
            if (const int c = da.compare(db); c != 0)
                return c < 0;
            i = ie;
            j = je;
            continue;
        }
        const QChar ca = a[i].toCaseFolded(), cb = b[j].toCaseFolded();
        if (ca != cb)
            return ca < cb;
        ++i;
        ++j;
    }
    if ((a.size() - i) != (b.size() - j))
        return (a.size() - i) < (b.size() - j);
    return a < b;
}

} // namespace

ImageListModel::ImageListModel(QObject* parent)
    : QAbstractListModel(parent)
{
}

int ImageListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : count();
}

QString ImageListModel::path(int row) const
{
    if (row < 0 || row >= count())
        return {};
    return QDir(m_folder).filePath(m_files.at(row));
}

QVariant ImageListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const QString& name = m_files.at(row);
    switch (role) {
    case Qt::DisplayRole:
        return name;
    case Qt::DecorationRole:
        return thumbnail(row);
    case Qt::ToolTipRole:
        return tr("%1\n%2").arg(QDir::toNativeSeparators(path(row)),
            m_done.contains(name) ? tr("Done") : (m_annotated.contains(name) ? tr("Annotated") : tr("To do")));
    case Qt::CheckStateRole:
        return m_done.contains(name) ? Qt::Checked : Qt::Unchecked;
    case PathRole:
        return path(row);
    case DoneRole:
        return m_done.contains(name);
    case AnnotatedRole:
        return m_annotated.contains(name);
    default:
        return {};
    }
}

bool ImageListModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    if (role == Qt::CheckStateRole) {
        setDone(index.row(), value.toInt() == Qt::Checked);
        return true;
    }
    if (role == DoneRole) {
        setDone(index.row(), value.toBool());
        return true;
    }
    return false;
}

Qt::ItemFlags ImageListModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemNeverHasChildren;
}

QStringList ImageListModel::scanFolder(const QString& folder)
{
    QStringList filters;
    for (const QByteArray& fmt : QImageReader::supportedImageFormats())
        filters << QStringLiteral("*.") + QString::fromLatin1(fmt);
    QStringList files = QDir(folder).entryList(filters, QDir::Files | QDir::Readable);
    std::sort(files.begin(), files.end(), naturalLess);
    return files;
}

void ImageListModel::setImages(const QString& folder, const QStringList& fileNames)
{
    beginResetModel();
    m_folder = folder;
    m_files = fileNames;
    m_done.clear();
    m_annotated.clear();
    m_thumbnails.clear();
    endResetModel();
}

void ImageListModel::clear()
{
    setImages({}, {});
}

void ImageListModel::setDone(int row, bool done)
{
    if (row < 0 || row >= count() || done == isDone(row))
        return;
    if (done)
        m_done.insert(m_files.at(row));
    else
        m_done.remove(m_files.at(row));
    const QModelIndex idx = index(row);
    Q_EMIT dataChanged(idx, idx, {Qt::CheckStateRole, DoneRole, Qt::ToolTipRole});
}

void ImageListModel::setAnnotated(int row, bool annotated)
{
    if (row < 0 || row >= count() || annotated == m_annotated.contains(m_files.at(row)))
        return;
    if (annotated)
        m_annotated.insert(m_files.at(row));
    else
        m_annotated.remove(m_files.at(row));
    const QModelIndex idx = index(row);
    Q_EMIT dataChanged(idx, idx, {AnnotatedRole, Qt::ToolTipRole});
}

QIcon ImageListModel::thumbnail(int row) const
{
    const QString& name = m_files.at(row);
    auto it = m_thumbnails.constFind(name);
    if (it != m_thumbnails.constEnd())
        return *it;
    // Views ask only for visible rows, so this stays cheap even for large folders; the reader decodes straight to
    // the small size where the format allows (JPEG).
    QImageReader reader(path(row));
    reader.setAutoTransform(true);
    const QSize full = reader.size();
    if (full.isValid())
        reader.setScaledSize(full.scaled(kThumbnailSize, kThumbnailSize, Qt::KeepAspectRatio));
    const QImage img = reader.read();
    QPixmap pm(kThumbnailSize, kThumbnailSize);
    pm.fill(Qt::transparent);
    if (!img.isNull()) {
        QPainter p(&pm);
        const QImage scaled = img.scaled(kThumbnailSize, kThumbnailSize, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        p.drawImage((kThumbnailSize - scaled.width()) / 2, (kThumbnailSize - scaled.height()) / 2, scaled);
    }
    QIcon icon(pm);
    m_thumbnails.insert(name, icon);
    return icon;
}

} // namespace cascadeclip::ui
